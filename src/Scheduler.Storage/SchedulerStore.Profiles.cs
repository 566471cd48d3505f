using System.Data.Common;
using Dapper;
using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Storage.Api;
using Scheduler.Storage.Import;
using Scheduler.Storage.Read;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>The profile of post <paramref name="code"/> for <paramref name="month"/>, resolved as <see cref="ReadMonthAsync"/>
    /// resolves it, with which upload it is and its ETag; null when there is no such post.</summary>
    public async Task<StoredProfile?> ReadProfileAsync(PostCode code, YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginSnapshotAsync(connection, ct);
        var resolved = await ResolvePostAsync(connection, transaction, code, month, ct);
        var frozenBy = resolved is null ? null : await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM batches WHERE month = @Month AND status = 'committed'
            """, new { Month = month }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return resolved is null ? null : new StoredProfile(resolved.Post, month, resolved.FromMonth, resolved.Version, ProfileJson.ETag(resolved.Post), frozenBy);
    }

    /// <summary>Every post with its profile for <paramref name="month"/>, in post order, from one snapshot.</summary>
    public async Task<IReadOnlyList<StoredProfile>> ReadProfilesAsync(YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginSnapshotAsync(connection, ct);
        var resolved = await ResolvePostsAsync(connection, transaction, month, null, ct);
        await transaction.CommitAsync(ct);
        return resolved.Select(r => new StoredProfile(r.Post, month, r.FromMonth, r.Version, ProfileJson.ETag(r.Post))).ToList();
    }

    /// <summary>The uploads of post <paramref name="code"/>'s profile for <paramref name="month"/> itself (not earlier months'), newest first.</summary>
    public async Task<IReadOnlyList<ProfileVersion>> ProfileHistoryAsync(PostCode code, YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition("""
            SELECT version AS Version, uploaded_at AS UploadedAt, uploaded_by AS UploadedBy, fingerprint AS Fingerprint
            FROM post_profiles WHERE post_code = @Code AND month = @Month ORDER BY version DESC
            """, new { Code = code, Month = month }, cancellationToken: ct));
        return rows.Select(r => new ProfileVersion((int)r.Version, r.UploadedAt, r.UploadedBy, ProfileJson.ETag(r.Fingerprint))).ToList();
    }

    /// <summary>Stores <paramref name="profile"/>'s profile fields (weekend, minimum notice, sessions, day overrides, closed days, mix;
    /// never the post's identity) as post <paramref name="code"/>'s profile for <paramref name="month"/>, if <paramref name="ifMatch"/>
    /// is the current ETag, with an audit row, in ONE write transaction (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: the post's row
    /// locked first), so of two writers with the same ETag exactly one wins. Checked in order: unknown post, a committed batch for the
    /// month (<see cref="ProfileWriteStatus.Frozen"/>), a stale ETag. A profile equal to the month's own latest upload adds no
    /// version and no audit row. Throws <see cref="ArgumentOutOfRangeException"/> when a closed day or a day override is outside
    /// <paramref name="month"/> (it could never be read back).</summary>
    public Task<ProfileWriteResult> WriteProfileAsync(PostCode code, YearMonth month, Post profile, string ifMatch, string actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        return WriteProfileAsync(code, month, profile, [ifMatch], actor, ct);
    }

    /// <summary>As <see cref="WriteProfileAsync(PostCode, YearMonth, Post, string, string, CancellationToken)"/>, with an
    /// <c>If-Match</c> list (RFC 9110 section 13.1.1): the write goes ahead when any member is the current ETag (strong comparison:
    /// a weak tag never matches), or when the list is <c>*</c> (the post exists, so its profile for the month does).</summary>
    public async Task<ProfileWriteResult> WriteProfileAsync(PostCode code, YearMonth month, Post profile, IReadOnlyCollection<string> ifMatch, string actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(ifMatch);
        ArgumentOutOfRangeException.ThrowIfZero(ifMatch.Count);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var outside = profile.Closed.Concat(profile.Days.Keys).Where(d => d.ToYearMonth() != month).Order().Select(SqlText.Date).ToList();
        if (outside.Count > 0)
            throw new ArgumentOutOfRangeException(nameof(profile), $"dates outside {SqlText.Month(month)} in a profile for it: {string.Join(", ", outside)}");

        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        var found = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Kind == DatabaseKind.PostgreSql
            ? "SELECT code FROM posts WHERE code = @Code FOR UPDATE"
            : "SELECT code FROM posts WHERE code = @Code", new { Code = code }, transaction, cancellationToken: ct));
        if (found is null)
            return new ProfileWriteResult(ProfileWriteStatus.UnknownPost, null, null, null);

        var frozenBy = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM batches WHERE month = @Month AND status = 'committed'
            """, new { Month = month }, transaction, cancellationToken: ct));
        if (frozenBy is { } batch)
            return new ProfileWriteResult(ProfileWriteStatus.Frozen, null, null, batch);

        var current = (await ResolvePostAsync(connection, transaction, code, month, ct))!;
        var currentFingerprint = ProfileRows.Of(current.Post).Fingerprint;
        var currentETag = ProfileJson.ETag(currentFingerprint);
        if (!ifMatch.Any(tag => tag == "*" || string.Equals(currentETag, tag, StringComparison.Ordinal)))
            return new ProfileWriteResult(ProfileWriteStatus.Stale, currentETag, null, null);

        var written = current.Post with
        {
            Weekend = profile.Weekend, MinNoticeDays = profile.MinNoticeDays, Sessions = profile.Sessions, Days = profile.Days,
            Closed = profile.Closed, Mix = profile.Mix,
        };
        var fingerprint = ProfileRows.Of(written).Fingerprint;
        var etag = ProfileJson.ETag(fingerprint);
        if (current.FromMonth == month && fingerprint == currentFingerprint)
            return new ProfileWriteResult(ProfileWriteStatus.Written, etag, current.Version, null) { Profile = written };

        // The resolved profile is the month's latest upload when the month has any.
        var version = current.FromMonth == month ? current.Version!.Value + 1 : 1;
        var now = Now;
        await InsertProfileAsync(connection, transaction, written, month, version, actor, now, ct);
        await InsertAuditAsync(connection, transaction, now, actor, "profile.put", ProfileTarget(code, month),
            ProfileJson.Of(current.Post), ProfileJson.Of(written), ct);
        await transaction.CommitAsync(ct);
        return new ProfileWriteResult(ProfileWriteStatus.Written, etag, version, null) { Profile = written };
    }

    /// <summary>The audit target of a post's profile for a month: <c>MNL/2026-12</c>.</summary>
    public static string ProfileTarget(PostCode code, YearMonth month) => $"{code.Value}/{SqlText.Month(month)}";

    private static async Task<ResolvedPost?> ResolvePostAsync(DbConnection connection, DbTransaction transaction, PostCode code, YearMonth month,
        CancellationToken ct) => (await ResolvePostsAsync(connection, transaction, month, code, ct)).SingleOrDefault();
}

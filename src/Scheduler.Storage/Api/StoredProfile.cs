using NodaTime;
using Scheduler.Core.Posts;

namespace Scheduler.Storage;

/// <summary>One post's capacity profile for one month, resolved as <see cref="SchedulerStore.ReadMonthAsync"/> resolves it.</summary>
/// <param name="Post">The post with its profile for <paramref name="Month"/> (dated entries only of that month).</param>
/// <param name="Month">The month asked for.</param>
/// <param name="FromMonth">The month of the upload in effect; null when the post has none up to <paramref name="Month"/>.</param>
/// <param name="Version">That upload's version within its month; null when there is none.</param>
/// <param name="ETag">A strong validator of the resolved profile: the quoted lower-case hex SHA-256 of its canonical fingerprint.</param>
/// <param name="FrozenBy">The month's committed batch, when it has one: the profile no longer changes. Read with the profile,
/// from the same snapshot, by <see cref="SchedulerStore.ReadProfileAsync"/> (null from the other reads).</param>
public sealed record StoredProfile(Post Post, YearMonth Month, YearMonth? FromMonth, int? Version, string ETag, long? FrozenBy = null);

/// <summary>One upload of a month's profile.</summary>
/// <param name="Version">Its version within the month, from 1.</param>
/// <param name="UploadedAt">When it was stored.</param>
/// <param name="UploadedBy">Who stored it (an API key's name, or the importing user).</param>
/// <param name="ETag">The ETag of the profile it holds (of its stored fingerprint): equal to <see cref="StoredProfile.ETag"/> for the
/// month when the upload has no dated entries outside the month (always so for <see cref="SchedulerStore.WriteProfileAsync(Core.Posts.PostCode, NodaTime.YearMonth, Core.Posts.Post, IReadOnlyCollection{string}, string, CancellationToken)"/>; an
/// import of a posts.json with closed days of other months stores them, and the resolved profile drops them).</param>
public sealed record ProfileVersion(int Version, Instant UploadedAt, string UploadedBy, string ETag);

/// <summary>How a profile write ended.</summary>
public enum ProfileWriteStatus
{
    /// <summary>The profile was stored as a new version (or was already the month's own latest upload).</summary>
    Written,
    /// <summary>The If-Match ETag is not the current one: nothing was written.</summary>
    Stale,
    /// <summary>The month has a committed batch: its profiles no longer change.</summary>
    Frozen,
    /// <summary>No such post.</summary>
    UnknownPost,
}

/// <summary>The outcome of <see cref="SchedulerStore.WriteProfileAsync(Core.Posts.PostCode, NodaTime.YearMonth, Core.Posts.Post, IReadOnlyCollection{string}, string, CancellationToken)"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="ETag">Written: the new ETag; Stale: the current one; otherwise null.</param>
/// <param name="Version">Written: the version now in effect for the month; otherwise null.</param>
/// <param name="FrozenByBatch">Frozen: the month's committed batch; otherwise null.</param>
public sealed record ProfileWriteResult(ProfileWriteStatus Status, string? ETag, int? Version, long? FrozenByBatch)
{
    /// <summary>Written: the post with its profile for the month as now stored (what a read would give).</summary>
    public Post? Profile { get; init; }
}

using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using static Scheduler.Storage.Tests.Samples;

namespace Scheduler.Storage.Tests;

/// <summary>What the posts' API needs of the store: keys, profiles with ETags, the audit log, a post's schedule.</summary>
public abstract partial class StoreContract
{
    /// <summary>The migrations embedded for the store's database.</summary>
    private static int MigrationCount(SchedulerStore store) => typeof(SchedulerStore).Assembly.GetManifestResourceNames()
        .Count(n => n.StartsWith($"Migrations/{(store.Kind == DatabaseKind.PostgreSql ? "PostgreSql" : "Sqlite")}/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static Post Busier(Post post) => post with { Sessions = [new(new LocalTime(7, 30), 150)] };

    [SkippableFact]
    public async Task AddApiKeyAsync_AdminAndPostKeys_FoundByHashAndListedByName()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var expires = Instant.FromUtc(2027, 6, 30, 0, 0);
        var nvc = await db.Store.AddApiKeyAsync("nvc-admin", Hash("secret-1"), null, null);
        var manila = await db.Store.AddApiKeyAsync("mnl-1", Hash("secret-2"), "mnl", expires);

        Assert.Equal(manila, await db.Store.FindApiKeyAsync(Hash("secret-2")));
        Assert.Equal(new PostCode("MNL"), manila.Post);
        Assert.Equal(expires, manila.Expires);
        Assert.Null(nvc.Post);
        Assert.Null(await db.Store.FindApiKeyAsync(Hash("secret-3")));
        Assert.Equal([manila, nvc], await db.Store.ListApiKeysAsync());
    }

    [SkippableFact]
    public async Task AddApiKeyAsync_NameTaken_ThrowsAndKeepsTheFirst()
    {
        await using var db = await database.CreateAsync();
        await db.Store.AddApiKeyAsync("nvc-admin", Hash("secret-1"), null, null);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Store.AddApiKeyAsync("nvc-admin", Hash("secret-2"), null, null));
        Assert.Equal("key name 'nvc-admin' is taken", error.Message);
        Assert.Null(await db.Store.FindApiKeyAsync(Hash("secret-2")));
        Assert.Single(await db.Store.ReadAuditAsync(SchedulerStore.KeyTarget("nvc-admin")));
    }

    [SkippableFact]
    public async Task AddApiKeyAsync_UnknownPost_ThrowsNamingIt()
    {
        await using var db = await database.CreateAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Store.AddApiKeyAsync("xyz-1", Hash("secret-1"), "XYZ", null));
        Assert.Contains("'XYZ'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await db.Store.ListApiKeysAsync());
        Assert.Empty(await db.Store.ReadAuditAsync());
    }

    [SkippableFact]
    public async Task RevokeApiKeyAsync_TwiceAndUnknown_RevokesOnceAndAuditsIssueAndRevoke()
    {
        await using var db = await database.CreateAsync();
        await db.Store.AddApiKeyAsync("nvc-admin", Hash("secret-1"), null, null, actor: "root");
        Assert.True(await db.Store.RevokeApiKeyAsync("nvc-admin", actor: "root"));
        var revoked = (await db.Store.FindApiKeyAsync(Hash("secret-1")))!.Revoked;
        Assert.NotNull(revoked);
        Assert.True(await db.Store.RevokeApiKeyAsync("nvc-admin"));
        Assert.Equal(revoked, (await db.Store.FindApiKeyAsync(Hash("secret-1")))!.Revoked);
        Assert.False(await db.Store.RevokeApiKeyAsync("nobody"));

        var audit = await db.Store.ReadAuditAsync(SchedulerStore.KeyTarget("nvc-admin"));
        Assert.Equal(["key.revoke", "key.issue"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("root", a.Actor));
        Assert.Null(audit[1].Before);
        Assert.Contains("\"revoked\":null", audit[0].Before, StringComparison.Ordinal);
        Assert.DoesNotContain("\"revoked\":null", audit[0].After, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReadProfileAsync_ExactAndCarriedOver_ResolvesAsReadMonth()
    {
        await using var db = await database.CreateAsync();
        Assert.Null(await db.Store.ReadProfileAsync("MNL", December));
        await db.Store.ImportAsync(Scenario());
        Assert.Null(await db.Store.ReadProfileAsync("XYZ", December));

        var december = await db.Store.ReadProfileAsync("mnl", December);
        Assert.NotNull(december);
        Assert.Equal((December, 1), (december.FromMonth!.Value, december.Version!.Value));
        Assert.Equal(Manila().Days.Keys.Order(), december.Post.Days.Keys.Order());
        Assert.Matches("^\"[0-9a-f]{64}\"$", december.ETag);

        var january = await db.Store.ReadProfileAsync("MNL", January);
        var read = await db.Store.ReadMonthAsync(January, Date(2026, 12, 15));
        Assert.Equal((December, 1), (january!.FromMonth!.Value, january.Version!.Value));
        Assert.Empty(january.Post.Days);
        Assert.Equal(Canonical(read! with { Posts = [read.Posts[0]], Cases = [] }), Canonical(read with { Posts = [january.Post], Cases = [] }));
        Assert.NotEqual(december.ETag, january.ETag);

        var before = await db.Store.ReadProfileAsync("MNL", new YearMonth(2026, 11));
        Assert.Equal((null, null), (before!.FromMonth, before.Version));
        Assert.Empty(before.Post.Sessions);
    }

    [SkippableFact]
    public async Task ReadProfileAsync_SameOrChangedContent_SameOrNewETag()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var first = await db.Store.ReadProfileAsync("CDJ", December);
        // Ciudad Juarez has no dated entries: January carries the same content over.
        Assert.Equal(first!.ETag, (await db.Store.ReadProfileAsync("CDJ", January))!.ETag);
        await db.Store.ImportAsync(Scenario());
        Assert.Equal(first.ETag, (await db.Store.ReadProfileAsync("CDJ", December))!.ETag);
        await db.Store.ImportAsync(Scenario() with { Posts = [Manila(), Busier(CiudadJuarez())] });
        var changed = await db.Store.ReadProfileAsync("CDJ", December);
        Assert.Equal(2, changed!.Version);
        Assert.NotEqual(first.ETag, changed.ETag);
    }

    [SkippableFact]
    public async Task WriteProfileAsync_CurrentThenOldETag_WrittenThenStale()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var current = await db.Store.ReadProfileAsync("MNL", December);
        var written = await db.Store.WriteProfileAsync("MNL", December, Busier(Manila()), current!.ETag, "mnl-1");
        Assert.Equal(ProfileWriteStatus.Written, written.Status);
        Assert.Equal(2, written.Version);
        var read = await db.Store.ReadProfileAsync("MNL", December);
        Assert.Equal(written.ETag, read!.ETag);
        Assert.Equal(150, read.Post.Sessions.Single().Applicants);
        Assert.Equal("Manila", read.Post.Name);

        var stale = await db.Store.WriteProfileAsync("MNL", December, Manila(), current.ETag, "mnl-1");
        Assert.Equal(new ProfileWriteResult(ProfileWriteStatus.Stale, written.ETag, null, null), stale);
        Assert.Equal([2, 1], (await db.Store.ProfileHistoryAsync("MNL", December)).Select(v => v.Version));
    }

    [SkippableFact]
    public async Task WriteProfileAsync_CarriedOverMonth_StartsTheMonthAtVersionOne()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var january = await db.Store.ReadProfileAsync("CDJ", January);
        var written = await db.Store.WriteProfileAsync("CDJ", January, Busier(CiudadJuarez()), january!.ETag, "cdj-1");
        Assert.Equal((ProfileWriteStatus.Written, 1), (written.Status, written.Version!.Value));
        var history = await db.Store.ProfileHistoryAsync("CDJ", January);
        Assert.Equal("cdj-1", history.Single().UploadedBy);
        Assert.Equal(written.ETag, history.Single().ETag);
        Assert.Equal(1, (await db.Store.ReadProfileAsync("CDJ", December))!.Version);
    }

    [SkippableFact]
    public async Task WriteProfileAsync_TwoRacingWritersWithTheSameETag_ExactlyOneWins()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        await using var other = db.OpenAnother();
        var etag = (await db.Store.ReadProfileAsync("MNL", December))!.ETag;
        var results = await Task.WhenAll(
            Task.Run(() => db.Store.WriteProfileAsync("MNL", December, Busier(Manila()), etag, "writer-1")),
            Task.Run(() => other.WriteProfileAsync("MNL", December, Manila() with { MinNoticeDays = 45 }, etag, "writer-2")));

        Assert.Equal([ProfileWriteStatus.Written, ProfileWriteStatus.Stale], results.Select(r => r.Status).Order());
        var winner = results.Single(r => r.Status == ProfileWriteStatus.Written);
        Assert.Equal(winner.ETag, results.Single(r => r.Status == ProfileWriteStatus.Stale).ETag);
        var history = await db.Store.ProfileHistoryAsync("MNL", December);
        Assert.Equal([2, 1], history.Select(v => v.Version));
        Assert.Equal(winner.ETag, history[0].ETag);
        Assert.Single(await db.Store.ReadAuditAsync(SchedulerStore.ProfileTarget("MNL", December)));
    }

    [SkippableFact]
    public async Task WriteProfileAsync_MonthWithCommittedBatch_IsFrozen()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        var etag = (await db.Store.ReadProfileAsync("MNL", December))!.ETag;
        long batchId;
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            batchId = lease!.BatchId;
            await db.Store.CommitBatchAsync(lease, Outcome(ScheduleOf(inputs.Cases, [], Date(2026, 12, 17))));
        }

        var result = await db.Store.WriteProfileAsync("MNL", December, Busier(Manila()), etag, "mnl-1");
        Assert.Equal(new ProfileWriteResult(ProfileWriteStatus.Frozen, null, null, batchId), result);
        Assert.Single(await db.Store.ProfileHistoryAsync("MNL", December));
        Assert.Empty(await db.Store.ReadAuditAsync());
        var january = await db.Store.WriteProfileAsync("MNL", January, Busier(Manila()) with { Days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>(),
            Closed = new HashSet<LocalDate>() }, (await db.Store.ReadProfileAsync("MNL", January))!.ETag, "mnl-1");
        Assert.Equal(ProfileWriteStatus.Written, january.Status);
    }

    [SkippableFact]
    public async Task WriteProfileAsync_UnknownPost_WritesNothing()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var result = await db.Store.WriteProfileAsync("XYZ", December, Manila() with { Code = "XYZ" }, "\"x\"", "xyz-1");
        Assert.Equal(new ProfileWriteResult(ProfileWriteStatus.UnknownPost, null, null, null), result);
        Assert.Empty(await db.Store.ReadAuditAsync());
    }

    [SkippableFact]
    public async Task WriteProfileAsync_DatesOutsideTheMonth_Throws()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var etag = (await db.Store.ReadProfileAsync("MNL", January))!.ETag;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Store.WriteProfileAsync("MNL", January, Manila(), etag, "mnl-1"));
    }

    [SkippableFact]
    public async Task WriteProfileAsync_Written_AuditsBeforeAndAfterAsJson()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var etag = (await db.Store.ReadProfileAsync("MNL", December))!.ETag;
        await db.Store.WriteProfileAsync("MNL", December, Busier(Manila()), etag, "mnl-1");
        await db.Store.AppendAuditAsync("nvc-admin", "bulletin.put", "bulletin/2026-12", null, "{\"rows\":4}");

        var all = await db.Store.ReadAuditAsync();
        Assert.Equal(["bulletin.put", "profile.put"], all.Select(a => a.Action));
        var entry = Assert.Single(await db.Store.ReadAuditAsync("MNL/2026-12"));
        Assert.Equal(("mnl-1", "MNL/2026-12"), (entry.Actor, entry.Target));
        Assert.Contains("{\"start\":\"07:30\",\"applicants\":120}", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"sessions\":[{\"start\":\"07:30\",\"applicants\":150}]", entry.After, StringComparison.Ordinal);
        Assert.Contains("{\"dimension\":\"group\",\"value\":\"IR\",\"target\":0.55}", entry.After, StringComparison.Ordinal);
        Assert.Equal(["bulletin.put"], (await db.Store.ReadAuditAsync(afterId: entry.Id)).Select(a => a.Action));
        Assert.Single(await db.Store.ReadAuditAsync(limit: 1));
    }

    [SkippableFact]
    public async Task CommitBatchAsync_KeepsTheProfilesItPlanned_AgainstAnUploadAfterItsSnapshotOrToAnEarlierMonth()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario()); // December's profiles; January carries them over
        var snapshot = (await db.Store.ReadMonthAsync(January, Date(2026, 12, 15)))!;
        // Manila uploads for January after the batch read its snapshot, before it commits.
        var carried = (await db.Store.ReadProfileAsync("MNL", January))!;
        var carriedJuarez = (await db.Store.ReadProfileAsync("CDJ", January))!;
        Assert.Equal(ProfileWriteStatus.Written, (await db.Store.WriteProfileAsync("MNL", January, Busier(carried.Post), carried.ETag, "post-MNL")).Status);
        long batchId;
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(January)))
        {
            batchId = lease!.BatchId;
            await db.Store.CommitBatchAsync(lease, Outcome(ScheduleOf([], [], Date(2027, 1, 20))) with { Profiles = snapshot.Posts });
        }
        var batch = $"batch {batchId}";

        // January keeps what the batch planned: Manila's profile carried over from December, as January's own latest version.
        var manila = (await db.Store.ReadProfileAsync("MNL", January))!;
        Assert.Equal((January, 2, carried.ETag), (manila.FromMonth, manila.Version, manila.ETag));
        Assert.Equal([(2, batch), (1, "post-MNL")], (await db.Store.ProfileHistoryAsync("MNL", January)).Select(v => (v.Version, v.UploadedBy)));
        var juarez = (await db.Store.ReadProfileAsync("CDJ", January))!;
        Assert.Equal((January, 1, carriedJuarez.ETag), (juarez.FromMonth, juarez.Version, juarez.ETag));
        Assert.Equal([batch], (await db.Store.ProfileHistoryAsync("CDJ", January)).Select(v => v.UploadedBy));
        Assert.Equal(["profile.pin"], (await db.Store.ReadAuditAsync(SchedulerStore.ProfileTarget("CDJ", January))).Select(a => a.Action));

        // An upload to December (not committed) changes December, and no longer reaches the committed January.
        var decemberJuarez = (await db.Store.ReadProfileAsync("CDJ", December))!;
        Assert.Equal(ProfileWriteStatus.Written,
            (await db.Store.WriteProfileAsync("CDJ", December, Busier(decemberJuarez.Post), decemberJuarez.ETag, "post-CDJ")).Status);
        Assert.NotEqual(decemberJuarez.ETag, (await db.Store.ReadProfileAsync("CDJ", December))!.ETag);
        Assert.Equal(juarez.ETag, (await db.Store.ReadProfileAsync("CDJ", January))!.ETag);
    }

    [SkippableFact]
    public async Task ReadPostScheduleAsync_CommittedBatch_GivesThePostsAppointmentsAndUnscheduledCases()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        Assert.Null(await db.Store.ReadPostScheduleAsync("MNL", December));
        var seated = ScheduleOf([inputs.Cases[0]], [], Date(2026, 12, 17));
        var schedule = seated with
        {
            Unscheduled =
            [
                // Posts interleaved: the batch's order is the schedule's, not grouped by post.
                new UnscheduledCase(new CaseId("C2x"), UnscheduledReason.NoPost),
                new UnscheduledCase(new CaseId("C3"), UnscheduledReason.NoCapacity) { Post = "MNL" },
                new UnscheduledCase(new CaseId("C9"), UnscheduledReason.NotCurrent) { Post = "CDJ" },
                new UnscheduledCase(new CaseId("C8"), UnscheduledReason.MixLimit) { Post = "MNL" },
                new UnscheduledCase(new CaseId("C7"), UnscheduledReason.NotQualified),
            ],
        };
        long batchId;
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            batchId = lease!.BatchId;
            await db.Store.CommitBatchAsync(lease, Outcome(schedule));
        }

        var manila = await db.Store.ReadPostScheduleAsync("MNL", December);
        Assert.Equal((batchId, December), (manila!.BatchId, manila.Month));
        Assert.Empty(manila.Appointments);
        Assert.Equal([schedule.Unscheduled[1], schedule.Unscheduled[3]], manila.Unscheduled);
        var juarez = await db.Store.ReadPostScheduleAsync("CDJ", December);
        Assert.Equal(seated.Appointments, juarez!.Appointments);
        Assert.Equal([schedule.Unscheduled[2]], juarez.Unscheduled);
        Assert.Equal(schedule.Unscheduled, (await db.Store.ReadCommittedBatchAsync(December))!.Schedule.Unscheduled);
        Assert.Null(await db.Store.ReadPostScheduleAsync("MNL", January));
    }
}

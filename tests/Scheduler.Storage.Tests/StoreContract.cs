using System.Data.Common;
using Dapper;
using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using static Scheduler.Storage.Tests.Samples;

namespace Scheduler.Storage.Tests;

/// <summary>The repository's behaviour, run against each database by the subclasses.</summary>
public abstract partial class StoreContract(ITestDatabase database)
{
    private static BatchRequest Request(YearMonth month, bool force = false) => new(month, Date(2026, 11, 16), 1, "cpsat", 2, force, "test");

    private protected static async Task<long> ScalarAsync(SchedulerStore store, string sql, object? parameters = null)
    {
        await using var connection = await store.OpenConnectionAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    private protected static async Task ExecuteAsync(SchedulerStore store, string sql, object? parameters = null)
    {
        await using var connection = await store.OpenConnectionAsync(default);
        await connection.ExecuteAsync(sql, parameters);
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(SchedulerStore store, string sql, object? parameters = null)
    {
        await using var connection = await store.OpenConnectionAsync(default);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    [SkippableFact]
    public async Task MigrateAsync_RunTwice_AppliesEachMigrationOnce()
    {
        await using var db = await database.CreateAsync();
        await db.Store.MigrateAsync();
        await db.Store.MigrateAsync();
        Assert.Equal(MigrationCount(db.Store), await ScalarAsync(db.Store, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [SkippableFact]
    public async Task MigrateAsync_TwoStoresAtOnce_MigrateOnce()
    {
        await using var db = await database.CreateAsync(migrate: false);
        await using var other = db.OpenAnother();
        await Task.WhenAll(Task.Run(() => db.Store.MigrateAsync()), Task.Run(() => other.MigrateAsync()));
        Assert.Equal(MigrationCount(db.Store), await ScalarAsync(db.Store, "SELECT COUNT(*) FROM schema_migrations"));
        Assert.Empty(await db.Store.MonthsAsync());
    }

    [SkippableFact]
    public async Task ReadMonthAsync_AfterImportWithPools_GivesBackEqualInputs()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        var summary = await db.Store.ImportAsync(inputs);
        Assert.Equal(new ImportSummary(2, 3, 6, 3, 0), summary);
        var read = await db.Store.ReadMonthAsync(December);
        Assert.NotNull(read);
        Assert.Equal(Canonical(inputs), Canonical(read));
        Assert.Equal([December], await db.Store.MonthsAsync());
    }

    [SkippableFact]
    public async Task ReadMonthAsync_WhileCasesAndApplicantsAreWritten_SeesEachWriteWholeOrNotAtAll()
    {
        // Cases and applicants are read by two queries of one snapshot: a writer's new case and its
        // applicants, and its new applicant of an old case, show together or not at all.
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        var before = (await db.Store.ReadMonthAsync(December))!;
        var oldCase = before.Cases[0];
        for (var round = 0; round < 8; round++)
        {
            await using var writer = await db.Store.OpenConnectionAsync(default);
            await using var transaction = await writer.BeginTransactionAsync();
            var id = $"NEW-{round}";
            await writer.ExecuteAsync("""
                INSERT INTO cases (id, position, category, visa_class, priority_date, chargeability, dq_date, post, residence, nationality,
                    language, system_source, expedite, interview_by)
                SELECT @Id, MAX(position) + 1, 'IR', 'IR1', @Pd, 'PH', @Pd, 'MNL', 'PH', 'PH', 'tl', 'PIVOT', @No, NULL FROM cases
                """, new { Id = id, Pd = Date(2024, 1, 1), No = false }, transaction);
            await writer.ExecuteAsync("""
                INSERT INTO applicants (id, case_id, position, role, birth_date, traveling, docs_expire)
                VALUES (@Id || '-1', @Id, 0, 'P', NULL, @Yes, NULL), (@Id || '-2', @Id, 1, 'S', NULL, @Yes, NULL),
                       (@Old || '-' || @Id, @Old, 100, 'C', NULL, @Yes, NULL)
                """, new { Id = id, Old = oldCase.Id.Value, Yes = true }, transaction);
            var read = Task.Run(() => db.Store.ReadMonthAsync(December));
            await transaction.CommitAsync();
            var month = (await read)!;
            var added = month.Cases.SingleOrDefault(c => c.Id.Value == id);
            var old = month.Cases.Single(c => c.Id == oldCase.Id);
            var oldGrew = old.Applicants.Any(a => a.Id == $"{oldCase.Id.Value}-{id}");
            Assert.True(added is null ? !oldGrew : added.Applicants.Count == 2 && oldGrew,
                $"round {round}: new case {(added is null ? "absent" : $"with {added.Applicants.Count} applicants")}, old case's new applicant {(oldGrew ? "present" : "absent")}");
        }
    }

    [SkippableFact]
    public async Task ReadMonthAsync_CommitBetweenItsTwoConnections_StaysOutOfBothReads()
    {
        // The applicants are read on a second connection beside the cases: a commit that lands after the snapshot began and
        // before that connection opens must be in neither read (a second connection opened then would see it otherwise). As
        // a batch reads: after its ledger row is written. SQLite shares a snapshot between connections only while its
        // write-ahead log holds a commit, which the last connection to close folds into the file (a read then goes on one
        // connection): one connection that has read stays open here, as the connection pool keeps them outside these tests.
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        var before = (await db.Store.ReadMonthAsync(December))!;
        await using var open = await db.Store.OpenConnectionAsync(default);
        await open.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM months");
        await using var lease = await db.Store.TryBeginBatchAsync(Request(December));
        var oldCase = before.Cases[0];
        var hooked = 0;
        db.Store.BeforeSnapshotTwin = async () =>
        {
            hooked++;
            await using var writer = await db.Store.OpenConnectionAsync(default);
            await writer.ExecuteAsync("""
                INSERT INTO cases (id, position, category, visa_class, priority_date, chargeability, dq_date, post, residence, nationality,
                    language, system_source, expedite, interview_by)
                SELECT 'NEW', MAX(position) + 1, 'IR', 'IR1', @Pd, 'PH', @Pd, 'MNL', 'PH', 'PH', 'tl', 'PIVOT', @No, NULL FROM cases;
                INSERT INTO applicants (id, case_id, position, role, birth_date, traveling, docs_expire)
                VALUES ('NEW-1', 'NEW', 0, 'P', NULL, @Yes, NULL), (@Old || '-NEW', @Old, 100, 'C', NULL, @Yes, NULL);
                """, new { Pd = Date(2024, 1, 1), No = false, Yes = true, Old = oldCase.Id.Value });
        };
        var read = (await db.Store.ReadMonthAsync(December))!;
        db.Store.BeforeSnapshotTwin = null;

        Assert.Equal(1, hooked);
        Assert.Equal(before.Cases.Select(c => c.Id), read.Cases.Select(c => c.Id));
        Assert.Equal(before.Cases.Select(c => c.Applicants.Select(a => a.Id).ToList()), read.Cases.Select(c => c.Applicants.Select(a => a.Id).ToList()));
        var after = (await db.Store.ReadMonthAsync(December))!;
        Assert.Equal(["NEW-1"], after.Cases.Single(c => c.Id.Value == "NEW").Applicants.Select(a => a.Id));
        Assert.Contains(after.Cases.Single(c => c.Id == oldCase.Id).Applicants, a => a.Id == $"{oldCase.Id.Value}-NEW");
    }

    [SkippableFact]
    public async Task ReadMonthAsync_AfterImportFromTheAct_GivesBackLimitsAndUsage()
    {
        await using var db = await database.CreateAsync();
        var numbers = new NumbersInput
        {
            Limits = [new(2027, "FAMILY", 226000), new(2027, "F1", 23400)],
            Usage = [new(new YearMonth(2026, 10), VisaCategory.F1, "MX", 12), new(new YearMonth(2026, 11), VisaCategory.F2A, "ALL", 7)],
        };
        var inputs = Scenario(numbers: numbers);
        await db.Store.ImportAsync(inputs);
        var read = await db.Store.ReadMonthAsync(December);
        Assert.NotNull(read);
        Assert.True(read.Numbers.FromTheAct);
        Assert.Equal(Canonical(inputs), Canonical(read));
    }

    [SkippableFact]
    public async Task ReadMonthAsync_NoNumbersSource_IsUnlimited()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(numbers: NumbersInput.Unlimited));
        var read = await db.Store.ReadMonthAsync(December);
        Assert.Equal(NumbersInput.Unlimited, read!.Numbers);
    }

    [SkippableFact]
    public async Task ReadMonthAsync_UnknownMonthWithoutAsOf_IsNull()
    {
        await using var db = await database.CreateAsync();
        Assert.Null(await db.Store.ReadMonthAsync(December));
    }

    [SkippableFact]
    public async Task WithdrawCasesAsync_LeavesTheCasesOutOfLaterReads_UntilReinstated_AndAnImportDoesNotReinstate()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A", applicants: 2), Case("B", applicants: 3), Case("C")]));
        var summary = await db.Store.WithdrawCasesAsync(["B", "C", "B"], Date(2026, 11, 20), "terminated by the case system", "admin");
        Assert.Equal(new WithdrawalSummary(2, 0), summary);
        var read = (await db.Store.ReadMonthAsync(December))!;
        Assert.Equal(["A"], read.Cases.Select(c => c.Id));
        Assert.Equal(["A-1", "A-2"], read.Cases[0].Applicants.Select(a => a.Id));

        // Again: already withdrawn, they keep their first date and reason.
        Assert.Equal(new WithdrawalSummary(0, 1), await db.Store.WithdrawCasesAsync(["B"], Date(2026, 11, 25), "again", "admin"));
        Assert.Equal((Date(2026, 11, 20), "terminated by the case system"), (await db.Store.WithdrawalsAsync(["A", "B"]))["B"]);
        Assert.DoesNotContain("A", (await db.Store.WithdrawalsAsync(["A", "B"])).Keys);

        Assert.Equal(1, (await db.Store.ImportAsync(Scenario(cases: [Case("B", applicants: 3), Case("D")]))).WithdrawnCases);
        Assert.Equal(["A", "D"], (await db.Store.ReadMonthAsync(December))!.Cases.Select(c => c.Id));
        Assert.Equal(1, (await db.Store.UpsertCasesAsync([Case("C")], "admin")).WithdrawnCases);

        Assert.Equal(new WithdrawalSummary(1, 1), await db.Store.ReinstateCasesAsync(["B", "A"], "admin"));
        read = (await db.Store.ReadMonthAsync(December))!;
        Assert.Equal(["A", "B", "D"], read.Cases.Select(c => c.Id));
        Assert.Equal(["B-1", "B-2", "B-3"], read.Cases[1].Applicants.Select(a => a.Id));
        var audit = await db.Store.ReadAuditAsync("cases");
        Assert.Equal(["cases.reinstate", "cases.withdraw", "cases.withdraw"], audit.Where(a => a.Action != "cases.upsert").Select(a => a.Action));
        Assert.Contains("\"B\",\"C\"", audit.Last(a => a.Action == "cases.withdraw").After);
    }

    [SkippableFact]
    public async Task WithdrawCasesAsync_AnUnknownCase_IsRefusedNamingIt_AndWritesNothing()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A"), Case("B")]));
        var refused = await Assert.ThrowsAsync<UnknownCasesException>(() => db.Store.WithdrawCasesAsync(["A", "NOPE", "B", "ALSO-NOPE"], Date(2026, 11, 20), "gone", "admin"));
        Assert.Equal(["NOPE", "ALSO-NOPE"], refused.Unknown);
        Assert.Equal(["A", "B"], (await db.Store.ReadMonthAsync(December))!.Cases.Select(c => c.Id));
        Assert.DoesNotContain(await db.Store.ReadAuditAsync("cases"), a => a.Action == "cases.withdraw");
    }

    [SkippableFact]
    public async Task WithdrawCasesAsync_ACaseSeatedByACommittedBatch_StaysInThatBatch()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(December)))
            await db.Store.CommitBatchAsync(lease!, Outcome(ScheduleOf([inputs.Cases[0]], [inputs.Cases[1]], Date(2026, 12, 17))));
        await db.Store.WithdrawCasesAsync([inputs.Cases[0].Id, inputs.Cases[1].Id], Date(2026, 12, 20), "withdrawn by the applicant", "admin");
        var committed = (await db.Store.ReadCommittedBatchAsync(December))!;
        Assert.Equal([inputs.Cases[0].Id], committed.Schedule.Appointments.Select(a => a.CaseId));
        Assert.Contains(committed.Schedule.Unscheduled, u => u.CaseId == inputs.Cases[1].Id);
        // The next month offers neither: one is seated, the other withdrawn.
        Assert.DoesNotContain((await db.Store.ReadMonthAsync(January, Date(2026, 12, 15)))!.Cases, c => c.Id == inputs.Cases[1].Id || c.Id == inputs.Cases[0].Id);
    }

    [SkippableFact]
    public async Task ImportAsync_SameIdsAgain_UpdatesInPlaceAndAppendsNewCases()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A"), Case("B", applicants: 3)]));
        var changedB = Case("B", VisaCategory.F3, applicants: 2) with { Language = "fr" };
        var summary = await db.Store.ImportAsync(Scenario(cases: [Case("C"), changedB]));
        Assert.Equal(1, summary.NewCases);
        Assert.Equal(1, summary.UpdatedCases);
        var read = await db.Store.ReadMonthAsync(December);
        Assert.Equal(["A", "B", "C"], read!.Cases.Select(c => c.Id));
        var b = read.Cases[1];
        Assert.Equal(VisaCategory.F3, b.Category);
        Assert.Equal("fr", b.Language);
        Assert.Equal(["B-1", "B-2"], b.Applicants.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task UpsertCasesAsync_TwoUpsertsOfTheSameCasesAtOnce_BothLand_EachCaseOnce()
    {
        // New cases are plain inserts after an update of the stored ones: upserts of cases take turns, whatever their timing
        // (the API's upserts touch nothing else that would make them wait for each other).
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A")]));
        await using var other = db.OpenAnother();
        var cases = Enumerable.Range(0, 20_000).Select(i => Case($"C{i:D5}", applicants: 1 + i % 3)).ToList();
        var summaries = await Task.WhenAll(Task.Run(() => db.Store.UpsertCasesAsync(cases, "first")), Task.Run(() => other.UpsertCasesAsync(cases, "second")));
        Assert.Equal([0, 20_000], summaries.Select(s => s.NewCases).Order());
        Assert.Equal([0, 20_000], summaries.Select(s => s.UpdatedCases).Order());
        var read = (await db.Store.ReadMonthAsync(December))!;
        Assert.Equal(["A", .. cases.Select(c => c.Id.Value)], read.Cases.Select(c => c.Id.Value));
        Assert.Equal(1 + cases.Sum(c => c.Applicants.Count), read.Cases.Sum(c => c.Applicants.Count));
    }

    [SkippableFact]
    public async Task ImportAsync_ApplicantListedUnderAnotherCase_RefusedNamingBothCases_AndWritesNothing()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A", applicants: 2)]));
        // X takes A's principal: A would be left without one.
        var x = Case("X", applicants: 1);
        x = x with { Applicants = [x.Applicants[0] with { Id = "A-1" }] };

        var refused = await Assert.ThrowsAsync<ApplicantsMovedException>(() => db.Store.ImportAsync(Scenario(January, cases: [x, Case("B")])));

        Assert.Equal([new ApplicantMove("A-1", "A", "X")], refused.Moves);
        Assert.Equal([December], await db.Store.MonthsAsync());
        var read = (await db.Store.ReadMonthAsync(December))!;
        Assert.Equal(["A"], read.Cases.Select(c => c.Id));
        Assert.Equal(["A-1", "A-2"], read.Cases[0].Applicants.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task ReadMonthAsync_ManyCasesOutOfIdOrder_GivesBackEachWithItsApplicantsInFileOrder()
    {
        // Enough rows that the two reads publish many chunks while the cases meet their applicants, in a file order
        // that is not the ids' order (the store reads in id order and gives the cases back by position), and one case
        // withdrawn (its applicants are read, and belong to no case read).
        await using var db = await database.CreateAsync();
        var cases = Enumerable.Range(0, 12_000)
            .Select(i => Case($"C{(i * 7919) % 12_000:D5}", applicants: 1 + i % 3))
            .ToList();
        var inputs = Scenario(cases: cases);
        await db.Store.ImportAsync(inputs);
        await db.Store.WithdrawCasesAsync([cases[5].Id], Date(2026, 11, 1), "issued elsewhere", "test");
        var read = (await db.Store.ReadMonthAsync(December))!;
        var expected = cases.Where((_, i) => i != 5).ToList();
        Assert.Equal(expected.Select(c => c.Id), read.Cases.Select(c => c.Id));
        Assert.Equal(expected.Select(c => string.Join(",", c.Applicants.Select(a => a.Id))), read.Cases.Select(c => string.Join(",", c.Applicants.Select(a => a.Id))));
        Assert.All(read.Cases, c => Assert.All(c.Applicants, a => Assert.Same(c.Id.Value, a.CaseId.Value)));
    }

    [SkippableFact]
    public async Task ReadMonthAsync_ApplicantAddedByALaterImport_ComesWithItsCaseInPositionOrder()
    {
        // The later import appends A-3 after B's rows: A's applicants no longer stand together in the table.
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A", applicants: 2), Case("B", applicants: 2)]));
        await db.Store.ImportAsync(Scenario(cases: [Case("C", applicants: 2), Case("A", applicants: 3)]));
        var read = (await db.Store.ReadMonthAsync(December))!;
        Assert.Equal(["A", "B", "C"], read.Cases.Select(c => c.Id));
        Assert.Equal([["A-1", "A-2", "A-3"], ["B-1", "B-2"], ["C-1", "C-2"]], read.Cases.Select(c => c.Applicants.Select(a => a.Id).ToList()));
        Assert.Equal([ApplicantRole.Principal, ApplicantRole.Spouse, ApplicantRole.Child], read.Cases[0].Applicants.Select(a => a.Role));
        Assert.All(read.Cases, c => Assert.All(c.Applicants, a => Assert.Equal(c.Id, a.CaseId)));
    }

    [SkippableFact]
    public async Task ImportAsync_CheckViolationAfterCases_WritesNothing()
    {
        await using var db = await database.CreateAsync();
        var badPost = CiudadJuarez() with { Mix = [new(MixDimension.Group, "IR", MixRuleKind.Max, 1.5m)] };
        var inputs = Scenario() with { Posts = [Manila(), badPost] };
        await Assert.ThrowsAnyAsync<DbException>(() => db.Store.ImportAsync(inputs));
        Assert.Empty(await db.Store.MonthsAsync());
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM cases"));
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM posts"));
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM post_profiles"));
    }

    [SkippableFact]
    public async Task ImportAsync_ProfileChangedOrNot_AddsAVersionOnlyWhenChanged()
    {
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario());
        await db.Store.ImportAsync(Scenario());
        Assert.Equal(1, await ScalarAsync(db.Store, "SELECT MAX(version) FROM post_profiles WHERE post_code = 'MNL'"));
        var busier = Scenario() with { Posts = [Manila() with { Sessions = [new(new LocalTime(7, 30), 150)] }, CiudadJuarez()] };
        await db.Store.ImportAsync(busier);
        Assert.Equal(2, await ScalarAsync(db.Store, "SELECT MAX(version) FROM post_profiles WHERE post_code = 'MNL'"));
        Assert.Equal(1, await ScalarAsync(db.Store, "SELECT MAX(version) FROM post_profiles WHERE post_code = 'CDJ'"));
        var read = await db.Store.ReadMonthAsync(December);
        Assert.Equal(150, read!.Posts[0].Sessions.Single().Applicants);
    }

    [SkippableFact]
    public async Task ReadMonthAsync_LaterMonth_CarriesProfileOverWithoutDatedEntries()
    {
        await using var db = await database.CreateAsync();
        var extra = new Post { Code = "ZZZ", Name = "Later" };
        await db.Store.ImportAsync(Scenario());
        await db.Store.ImportAsync(Scenario(month: new YearMonth(2027, 3)) with { Posts = [Manila(), CiudadJuarez(), extra] });
        var january = await db.Store.ReadMonthAsync(January, Date(2026, 12, 15));
        Assert.NotNull(january);
        Assert.Equal(Date(2026, 12, 15), january.AsOf);
        var manila = january.Posts.Single(p => p.Code == "MNL");
        Assert.Equal(Manila().Sessions, manila.Sessions);
        Assert.Equal(Manila().Mix, manila.Mix);
        Assert.Empty(manila.Days);
        Assert.Empty(manila.Closed);
        var zzz = january.Posts.Single(p => p.Code == "ZZZ");
        Assert.Empty(zzz.Sessions);
        Assert.Equal(30, zzz.MinNoticeDays);
        Assert.Empty(january.Bulletin);
    }

    [SkippableFact]
    public async Task ReadMonthAsync_AfterCommittedMonth_OffersOnlyItsUnscheduledCases()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            Assert.NotNull(lease);
            await db.Store.CommitBatchAsync(lease, Outcome(ScheduleOf([inputs.Cases[0], inputs.Cases[1]], [inputs.Cases[2]], Date(2026, 12, 17))));
        }
        var january = await db.Store.ReadMonthAsync(January, Date(2026, 12, 15));
        Assert.Equal(["C3"], january!.Cases.Select(c => c.Id));
        var december = await db.Store.ReadMonthAsync(December);
        Assert.Equal(3, december!.Cases.Count);
    }

    [SkippableFact]
    public async Task ReadMonthAsync_LaterMonthOfFiscalYear_CountsCommittedNumbersAsUsed()
    {
        await using var db = await database.CreateAsync();
        var october = new YearMonth(2026, 10);
        var november = new YearMonth(2026, 11);
        var numbers = new NumbersInput { Usage = [new(october, VisaCategory.F1, "MX", 5), new(november, VisaCategory.F1, "MX", 3)] };
        // November: C1 (F1 MX, 3 traveling of 3) and C3 (F2A PH, 1) seated; 3 + 1 numbers.
        var inputs = Scenario(month: november, numbers: numbers);
        await db.Store.ImportAsync(inputs);
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(november)))
            await db.Store.CommitBatchAsync(lease!, Outcome(ScheduleOf([inputs.Cases[0], inputs.Cases[2]], [inputs.Cases[1]], Date(2026, 11, 20))));

        var december = await db.Store.ReadMonthAsync(December, Date(2026, 11, 16));
        var usage = december!.Numbers.Usage!.OrderBy(u => u.ToString(), StringComparer.Ordinal).Select(u => (u.Month, u.Category, u.Chargeability.Code, u.Used));
        Assert.Equal(
            new[] { (october, VisaCategory.F1, "MX", 5), (november, VisaCategory.F1, "MX", 3 + 3), (november, VisaCategory.F2A, "PH", 1) }
                .OrderBy(u => new NumbersUsed(u.Item1, u.Item2, u.Item3, u.Item4).ToString(), StringComparer.Ordinal),
            usage);
        Assert.Null(december.Numbers.Limits);

        // The batch's own month does not count its own numbers; another fiscal year sees none of them.
        var novemberAgain = await db.Store.ReadMonthAsync(november);
        Assert.Equal(8, novemberAgain!.Numbers.Usage!.Sum(u => u.Used));
        var nextYear = await db.Store.ReadMonthAsync(new YearMonth(2027, 10), Date(2027, 9, 1));
        Assert.Equal(NumbersInput.Unlimited, nextYear!.Numbers);
    }
}

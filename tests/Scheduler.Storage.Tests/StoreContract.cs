using System.Data.Common;
using Dapper;
using Npgsql;
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

    private protected static object BatchRow(string month, string status) => new
    {
        Month = month, FiscalYear = 2027, Status = status, AsOf = Date(2026, 11, 16), Started = Instant.FromUtc(2026, 11, 16, 8, 0), Force = false,
    };

    private protected const string InsertBatch = """
        INSERT INTO batches (month, fiscal_year, status, as_of, seed, solver, workers, force, engine_version, started, host, pid)
        VALUES (@Month, @FiscalYear, @Status, @AsOf, 1, 'greedy', 1, @Force, 'test', @Started, 'h', 1)
        RETURNING id
        """;

    [SkippableFact]
    public async Task Schema_SecondCommittedBatchForAMonth_IsRejected()
    {
        await using var db = await database.CreateAsync();
        await ScalarAsync(db.Store, InsertBatch, BatchRow("2026-12", "committed"));
        await ScalarAsync(db.Store, InsertBatch, BatchRow("2026-12", "superseded"));
        await Assert.ThrowsAnyAsync<DbException>(() => ScalarAsync(db.Store, InsertBatch, BatchRow("2026-12", "committed")));
    }

    [SkippableFact]
    public async Task Schema_ApplicantInTwoLiveBatches_IsRejected()
    {
        await using var db = await database.CreateAsync();
        var first = await ScalarAsync(db.Store, InsertBatch, BatchRow("2026-11", "committed"));
        var second = await ScalarAsync(db.Store, InsertBatch, BatchRow("2026-12", "committed"));
        const string Allocate = """
            INSERT INTO allocations (batch_id, ordinal, applicant_id, case_id, category, chargeability, live)
            VALUES (@Batch, 0, 'A-1', 'A', 'F1', 'MX', @Live)
            """;
        await ExecuteAsync(db.Store, Allocate, new { Batch = first, Live = true });
        await ExecuteAsync(db.Store, Allocate, new { Batch = second, Live = false });
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, Allocate.Replace("0, 'A-1'", "1, 'A-1'", StringComparison.Ordinal), new { Batch = second, Live = true }));
    }

    [SkippableFact]
    public async Task Schema_ApplicantsNameACase_AndGoWithIt()
    {
        // A foreign key on SQLite; on PostgreSQL, since migration 0007, statement triggers that keep the same rules.
        await using var db = await database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A", applicants: 2), Case("B", applicants: 3), Case("C")]));
        const string Add = "INSERT INTO applicants (id, case_id, position, role, traveling) VALUES (@Id, @Case, 9, 'C', @Traveling)";
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, Add, new { Id = "X-1", Case = "X", Traveling = true }));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, "UPDATE applicants SET case_id = 'X' WHERE id = 'B-2'"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, "UPDATE cases SET id = 'Z' WHERE id = 'B'"));
        await ExecuteAsync(db.Store, Add, new { Id = "C-9", Case = "C", Traveling = true });
        await ExecuteAsync(db.Store, "UPDATE applicants SET case_id = 'C' WHERE id = 'B-3'");

        await ExecuteAsync(db.Store, "DELETE FROM cases WHERE id IN ('A', 'C')");

        Assert.Equal(["B-1", "B-2"], await QueryAsync<string>(db.Store, "SELECT id FROM applicants ORDER BY id"));
    }

    [SkippableFact]
    public async Task Schema_CaseTwiceInOneBatch_IsRejected()
    {
        await using var db = await database.CreateAsync();
        var batch = await ScalarAsync(db.Store, InsertBatch, BatchRow("2026-12", "running"));
        const string Appoint = """
            INSERT INTO appointments (batch_id, ordinal, case_id, post, date, start, applicants) VALUES (@Batch, @Ordinal, 'A', 'MNL', @Date, @Start, 1)
            """;
        var row = new { Batch = batch, Ordinal = 0, Date = Date(2026, 12, 17), Start = new LocalTime(8, 0) };
        await ExecuteAsync(db.Store, Appoint, row);
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, Appoint, row with { Ordinal = 1 }));
    }

    [SkippableFact]
    public async Task Schema_RowsOfABatchNotInTheLedger_AreRejected_AndABatchWithRowsStays()
    {
        await using var db = await database.CreateAsync();
        var batch = await ScalarAsync(db.Store, InsertBatch, BatchRow("2026-12", "running"));
        const string Appoint = """
            INSERT INTO appointments (batch_id, ordinal, case_id, post, date, start, applicants) VALUES (@Batch, 0, 'A', 'MNL', @Date, @Start, 1)
            """;
        var date = Date(2026, 12, 17);
        var start = new LocalTime(8, 0);
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, Appoint, new { Batch = batch + 1, Date = date, Start = start }));
        // A batch's unscheduled cases are one row per post, read through a view (migration 0004): arrays on PostgreSQL, JSON on SQLite.
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, db.Store.Kind == DatabaseKind.PostgreSql
            ? "INSERT INTO unscheduled_lists (batch_id, post, ordinals, case_ids, reasons) VALUES (@Batch, NULL, '{0}', '{B}', '{NO_CAPACITY}')"
            : "INSERT INTO unscheduled_lists (batch_id, post, items) VALUES (@Batch, NULL, '[[0,\"B\",\"NO_CAPACITY\"]]')", new { Batch = batch + 1 }));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store,
            "INSERT INTO allocations (batch_id, ordinal, applicant_id, case_id, category, chargeability, live) VALUES (@Batch, 0, 'A-1', 'A', 'F1', 'MX', @Live)",
            new { Batch = batch + 1, Live = true }));
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM appointments") + await ScalarAsync(db.Store, "SELECT COUNT(*) FROM unscheduled")
            + await ScalarAsync(db.Store, "SELECT COUNT(*) FROM allocations"));

        await ExecuteAsync(db.Store, Appoint, new { Batch = batch, Date = date, Start = start });
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, "DELETE FROM batches WHERE id = @Batch", new { Batch = batch }));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, "UPDATE appointments SET batch_id = @Other", new { Other = batch + 1 }));
        Assert.Equal(batch, await ScalarAsync(db.Store, "SELECT batch_id FROM appointments"));
    }

    [SkippableFact]
    public async Task TryBeginBatchAsync_MonthHeld_ReturnsNullUntilReleased()
    {
        await using var db = await database.CreateAsync();
        await using var other = db.OpenAnother();
        var first = await db.Store.TryBeginBatchAsync(Request(December));
        Assert.NotNull(first);
        Assert.Null(await other.TryBeginBatchAsync(Request(December)));
        await using (var january = await other.TryBeginBatchAsync(Request(January)))
            Assert.NotNull(january);
        await first.DisposeAsync();
        await using var second = await other.TryBeginBatchAsync(Request(December));
        Assert.NotNull(second);
    }

    [SkippableFact]
    public async Task TryBeginBatchAsync_AfterAProcessDied_MarksItsRunningRowAbandoned()
    {
        await using var db = await database.CreateAsync();
        var dead = await db.Store.TryBeginBatchAsync(Request(December));
        Assert.Equal(BatchStatus.Running, (await db.Store.GetBatchAsync(dead!.BatchId))!.Status);
        await dead.DisposeAsync(); // what the OS or the server does when the process dies
        await using var next = await db.Store.TryBeginBatchAsync(Request(December));
        var ledger = await db.Store.ListBatchesAsync(December);
        Assert.Equal([BatchStatus.Abandoned, BatchStatus.Running], ledger.Select(b => b.Status));
        Assert.NotNull(ledger[0].Ended);
    }

    [SkippableFact]
    public async Task TryBeginBatchAsync_AfterAProcessDiedWithItsInputFilesStaged_MarksItsRowAbandonedWithoutThem()
    {
        await using var db = await database.CreateAsync();
        var dead = await db.Store.TryBeginBatchAsync(Request(December));
        await db.Store.StageInputFilesAsync(dead!, [7, 8, 9]);
        await dead!.StagedInputFiles!.Value.Write;
        // On SQLite the files are in the 'running' row now (their own transaction); on PostgreSQL in the lease's transaction.
        var expected = db.Store.Kind == DatabaseKind.Sqlite ? 1 : 0;
        Assert.Equal(expected, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM batch_input_files WHERE batch_id = @Id", new { Id = dead.BatchId }));
        await dead.DisposeAsync(); // the process dies
        await using var next = await db.Store.TryBeginBatchAsync(Request(December));
        Assert.Equal(BatchStatus.Abandoned, (await db.Store.GetBatchAsync(dead.BatchId))!.Status);
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM batch_input_files"));
    }

    [SkippableFact]
    public async Task CommitBatchAsync_InputFilesStagedWhilePlanning_CommitWithTheBatch()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await using var lease = await db.Store.TryBeginBatchAsync(Request(December));
        var outcome = Outcome(ScheduleOf([inputs.Cases[0]], [], Date(2026, 12, 17))) with { InputFiles = [7, 8, 9] };
        await db.Store.StageInputFilesAsync(lease!, outcome.InputFiles);
        await db.Store.CommitBatchAsync(lease!, outcome);
        Assert.Equal([7, 8, 9], (await db.Store.ReadCommittedBatchAsync(December))!.InputFiles);
    }

    [SkippableFact]
    public async Task EndBatchAsync_AfterInputFilesStaged_LeavesThemOut_AndTheNextBatchCommitsItsOwn()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        var failed = await db.Store.TryBeginBatchAsync(Request(December));
        await db.Store.StageInputFilesAsync(failed!, [7, 8, 9]);
        await db.Store.EndBatchAsync(failed!, BatchStatus.Failed, "solver crashed");
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM batch_input_files WHERE batch_id = @Id", new { Id = failed!.BatchId }));
        Assert.Equal(BatchStatus.Failed, (await db.Store.GetBatchAsync(failed.BatchId))!.Status);

        await using var next = await db.Store.TryBeginBatchAsync(Request(December));
        await db.Store.CommitBatchAsync(next!, Outcome(ScheduleOf([inputs.Cases[0]], [], Date(2026, 12, 17))));
        Assert.Equal([1, 2, 3], (await db.Store.ReadCommittedBatchAsync(December))!.InputFiles);
    }

    [SkippableFact]
    public async Task EndBatchAsync_Failed_LeavesOnlyTheLedgerRow()
    {
        await using var db = await database.CreateAsync();
        var lease = await db.Store.TryBeginBatchAsync(Request(December));
        await db.Store.EndBatchAsync(lease!, BatchStatus.Failed, "solver crashed");
        var record = await db.Store.GetBatchAsync(lease!.BatchId);
        Assert.Equal(BatchStatus.Failed, record!.Status);
        Assert.Equal("solver crashed", record.Message);
        Assert.Null(await db.Store.ReadCommittedBatchAsync(December));
        await using var again = await db.Store.TryBeginBatchAsync(Request(December));
        Assert.NotNull(again);
    }

    [SkippableFact]
    public async Task CommitBatchAsync_ForcedOverCommitted_SupersedesAndKeepsHistory()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        long firstId;
        await using (var first = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            firstId = first!.BatchId;
            await db.Store.CommitBatchAsync(first, Outcome(ScheduleOf([inputs.Cases[0]], [inputs.Cases[1], inputs.Cases[2]], Date(2026, 12, 17))));
        }

        await using (var refused = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                db.Store.CommitBatchAsync(refused!, Outcome(ScheduleOf(inputs.Cases, [], Date(2026, 12, 18)))));
            Assert.Contains(firstId.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
            await db.Store.EndBatchAsync(refused!, BatchStatus.Refused, error.Message);
        }

        long forcedId;
        await using (var forced = await db.Store.TryBeginBatchAsync(Request(December, force: true)))
        {
            forcedId = forced!.BatchId;
            await db.Store.CommitBatchAsync(forced, Outcome(ScheduleOf(inputs.Cases, [], Date(2026, 12, 18))));
        }

        var ledger = await db.Store.ListBatchesAsync(December);
        Assert.Equal([BatchStatus.Superseded, BatchStatus.Refused, BatchStatus.Committed], ledger.Select(b => b.Status));
        Assert.Equal(forcedId, ledger[0].SupersededBy);
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM allocations WHERE batch_id = @Id AND live", new { Id = firstId }));
        Assert.Equal(3, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM allocations WHERE batch_id = @Id", new { Id = firstId }));
        var live = await db.Store.ReadCommittedBatchAsync(December);
        Assert.Equal(forcedId, live!.Batch.Id);
        Assert.Equal(3, live.Schedule.Appointments.Count);
        Assert.Equal(new BatchFigures(3, 6, 520, 0, "OPTIMAL", 0.0, 1234), live.Batch.Figures);
        Assert.Equal([1, 2, 3], live.InputFiles);
    }

    [SkippableFact]
    public async Task ReadLiveSearchesAsync_GivesTheLiveBatchsSearches_NoneForAFailedBatch_TheNewOnesAfterASupersede()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        Assert.Null(await db.Store.ReadLiveSearchesAsync(December));
        var a = new BatchSearch(new string('a', 64), [0x53, 0x43, 0, 1, 2, 255]);
        var b = new BatchSearch(new string('b', 64), Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray());

        await using (var failed = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Store.CommitBatchAsync(failed!,
                Outcome(ScheduleOf([inputs.Cases[0]], [], Date(2026, 12, 17))) with { Searches = [a, new BatchSearch("short", [1])] }));
            await db.Store.EndBatchAsync(failed!, BatchStatus.Failed, error.Message);
        }
        Assert.Null(await db.Store.ReadLiveSearchesAsync(December));
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM batch_searches"));

        long firstId;
        await using (var first = await db.Store.TryBeginBatchAsync(Request(December)))
        {
            firstId = first!.BatchId;
            await db.Store.CommitBatchAsync(first, Outcome(ScheduleOf([inputs.Cases[0]], [], Date(2026, 12, 17))) with { Searches = [b, a, a] });
        }
        var live = await db.Store.ReadLiveSearchesAsync(December);
        Assert.Equal(firstId, live!.BatchId);
        Assert.Equal([a.Fingerprint, b.Fingerprint], live.Searches.Select(s => s.Fingerprint));
        Assert.Equal(a.Answer, live.Searches[0].Answer);
        Assert.Equal(b.Answer, live.Searches[1].Answer);
        Assert.Null(await db.Store.ReadLiveSearchesAsync(new YearMonth(2026, 11)));

        await using (var forced = await db.Store.TryBeginBatchAsync(Request(December, force: true)))
            await db.Store.CommitBatchAsync(forced!, Outcome(ScheduleOf([inputs.Cases[0]], [], Date(2026, 12, 18))));
        var after = await db.Store.ReadLiveSearchesAsync(December);
        Assert.NotEqual(firstId, after!.BatchId);
        Assert.Empty(after.Searches);
        Assert.Equal(2, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM batch_searches WHERE batch_id = @Id", new { Id = firstId }));
    }

    [SkippableFact]
    public async Task CommitBatchAsync_ApplicantHoldingANumberInAnotherMonth_IsRefusedAndWritesNothing()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        await using (var november = await db.Store.TryBeginBatchAsync(Request(new YearMonth(2026, 11))))
            await db.Store.CommitBatchAsync(november!, Outcome(ScheduleOf([inputs.Cases[0]], [], Date(2026, 11, 20))));

        // December seats C2x and C3 and, again, C1, whose applicants hold November's F1 numbers.
        await using var december = await db.Store.TryBeginBatchAsync(Request(December));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            db.Store.CommitBatchAsync(december!, Outcome(ScheduleOf(inputs.Cases, [], Date(2026, 12, 17)))));
        Assert.Contains("already holds one", error.Message, StringComparison.Ordinal);
        await db.Store.EndBatchAsync(december!, BatchStatus.Failed, error.Message);
        var id = new { Id = december!.BatchId };
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM appointments WHERE batch_id = @Id", id));
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM allocations WHERE batch_id = @Id", id));
        Assert.Equal(BatchStatus.Failed, (await db.Store.GetBatchAsync(december.BatchId))!.Status);
        Assert.Null(await db.Store.ReadCommittedBatchAsync(December));
    }

    [SkippableFact]
    public async Task ReadCommittedBatchAsync_RoundTrip_GivesBackTheSchedule()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        var schedule = ScheduleOf([inputs.Cases[0], inputs.Cases[2]], [inputs.Cases[1]], Date(2026, 12, 17));
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(December)))
            await db.Store.CommitBatchAsync(lease!, Outcome(schedule));
        var read = await db.Store.ReadCommittedBatchAsync(December);
        Assert.Equal(schedule.Appointments, read!.Schedule.Appointments);
        Assert.Equal(schedule.Allocations, read.Schedule.Allocations);
        Assert.Equal(schedule.Unscheduled, read.Schedule.Unscheduled);
        Assert.Equal("hash-1", read.Batch.InputHash);
        Assert.Equal(Date(2026, 11, 16), read.Batch.AsOf);
    }

    [SkippableFact]
    public async Task CommitBatchAsync_ReaderDuringCommit_SeesAllOrNothing()
    {
        await using var db = await database.CreateAsync();
        var inputs = Scenario();
        await db.Store.ImportAsync(inputs);
        await using var reader = db.OpenAnother();
        CommittedBatch? during = null;
        ScenarioInputs? januaryDuring = null;
        db.Store.BeforeBatchCommit = async () =>
        {
            during = await reader.ReadCommittedBatchAsync(December);
            januaryDuring = await reader.ReadMonthAsync(January, Date(2026, 12, 15));
        };
        await using (var lease = await db.Store.TryBeginBatchAsync(Request(December)))
            await db.Store.CommitBatchAsync(lease!, Outcome(ScheduleOf(inputs.Cases, [], Date(2026, 12, 17))));

        Assert.Null(during);
        Assert.Equal(3, januaryDuring!.Cases.Count);
        Assert.Equal(3, (await reader.ReadCommittedBatchAsync(December))!.Schedule.Appointments.Count);
        Assert.Empty((await reader.ReadMonthAsync(January, Date(2026, 12, 15)))!.Cases);
    }
}

/// <summary>The contract on a SQLite file.</summary>
public sealed class SqliteStoreTests() : StoreContract(new SqliteTestDatabase())
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task Schema_UnscheduledLists_RefuseWhatIsNoJsonArrayAndASecondListForAPost()
    {
        await using var db = await _database.CreateAsync();
        await using var connection = await db.Store.OpenConnectionAsync(default);
        var batch = await connection.ExecuteScalarAsync<long>(InsertBatch, BatchRow("2026-12", "running"));
        const string Insert = "INSERT INTO unscheduled_lists (batch_id, post, items) VALUES (@Batch, @Post, @Items)";
        var good = new { Batch = batch, Post = (string?)null, Items = """[[0,"A","NO_POST"],[2,"C","NO_POST"]]""" };
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Items = "[[0,\"A\"" }));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Items = """{"0":"A"}""" }));
        await connection.ExecuteAsync(Insert, good);
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Items = """[[1,"B","NO_POST"]]""" }));
        await connection.ExecuteAsync(Insert, good with { Post = "MNL", Items = """[[1,"B","NO_CAPACITY"]]""" });
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Post = "MNL", Items = "[]" }));
        Assert.Equal(["A:NO_POST:", "B:NO_CAPACITY:MNL", "C:NO_POST:"],
            await connection.QueryAsync<string>("SELECT case_id || ':' || reason || ':' || IFNULL(post, '') FROM unscheduled WHERE batch_id = @Batch ORDER BY ordinal",
                new { Batch = batch }));
    }

    [Fact]
    public async Task Migration0004_TurnsABatchsUnscheduledRowsIntoListsPerPost_AndTheViewGivesThemBack()
    {
        // A database as the three earlier migrations left it, with a committed batch's unscheduled rows.
        await using var db = await _database.CreateAsync(migrate: false);
        await using var connection = await db.Store.OpenConnectionAsync(default);
        foreach (var name in new[] { "0001_initial", "0002_api", "0003_batch_rows" })
            await connection.ExecuteAsync(SqliteMigration(name));
        var batch = await connection.ExecuteScalarAsync<long>(InsertBatch, BatchRow("2026-12", "running"));
        await connection.ExecuteAsync("""
            INSERT INTO unscheduled (batch_id, ordinal, case_id, reason, post) VALUES
                (@Batch, 2, 'C', 'NO_CAPACITY', 'MNL'), (@Batch, 0, 'A', 'NO_POST', NULL), (@Batch, 1, 'B', 'NOT_CURRENT', 'MNL'),
                (@Batch, 3, 'D', 'NO_POST', NULL)
            """, new { Batch = batch });

        await connection.ExecuteAsync(SqliteMigration("0004_unscheduled_lists"));

        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unscheduled_lists"));
        Assert.Equal(["0:A:NO_POST:", "1:B:NOT_CURRENT:MNL", "2:C:NO_CAPACITY:MNL", "3:D:NO_POST:"],
            await connection.QueryAsync<string>("""
                SELECT ordinal || ':' || case_id || ':' || reason || ':' || IFNULL(post, '') FROM unscheduled WHERE batch_id = @Batch ORDER BY ordinal
                """, new { Batch = batch }));
    }
    /// <summary>The text of one of SQLite's migrations, to bring a database to an earlier schema.</summary>
    private static string SqliteMigration(string name)
    {
        using var stream = typeof(SchedulerStore).Assembly.GetManifestResourceStream($"Migrations/Sqlite/{name}.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public async Task Migration0006_MovesABatchsInputFilesToTheirTable_AndKeepsItsAppointmentsOncePerCase()
    {
        // A database as the five earlier migrations left it, with a batch's input files and appointments.
        await using var db = await _database.CreateAsync(migrate: false);
        await using var connection = await db.Store.OpenConnectionAsync(default);
        foreach (var name in new[] { "0001_initial", "0002_api", "0003_batch_rows", "0004_unscheduled_lists", "0005_case_withdrawals" })
            await connection.ExecuteAsync(SqliteMigration(name));
        var batch = await connection.ExecuteScalarAsync<long>(InsertBatch, BatchRow("2026-12", "running"));
        var other = await connection.ExecuteScalarAsync<long>(InsertBatch, BatchRow("2027-01", "running"));
        await connection.ExecuteAsync("UPDATE batches SET input_files = @Files WHERE id = @Batch", new { Files = new byte[] { 7, 8, 9 }, Batch = batch });
        const string Appointment = """
            INSERT INTO appointments (batch_id, ordinal, case_id, post, date, start, applicants) VALUES (@Batch, @Ordinal, @Case, 'MNL', '2026-12-17', '08:00', 2)
            """;
        await connection.ExecuteAsync(Appointment, new { Batch = batch, Ordinal = 0, Case = "B" });
        await connection.ExecuteAsync(Appointment, new { Batch = batch, Ordinal = 1, Case = "A" });

        await connection.ExecuteAsync(SqliteMigration("0006_batch_input_files"));

        Assert.Equal([7, 8, 9], await connection.ExecuteScalarAsync<byte[]>("SELECT files FROM batch_input_files WHERE batch_id = @Batch", new { Batch = batch }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM batch_input_files"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_table_info('batches') WHERE name = 'input_files'"));
        Assert.Equal(["0:B", "1:A"], await connection.QueryAsync<string>("SELECT ordinal || ':' || case_id FROM appointments ORDER BY batch_id, ordinal"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Appointment, new { Batch = batch, Ordinal = 2, Case = "A" }));
        await connection.ExecuteAsync(Appointment, new { Batch = other, Ordinal = 0, Case = "A" });
    }
}

/// <summary>The contract on PostgreSQL (<c>SCHEDULER_TEST_POSTGRES</c>), and what only its schema has.</summary>
public sealed class PostgresStoreTests() : StoreContract(new PostgresTestDatabase())
{
    private readonly PostgresTestDatabase _database = new();

    [SkippableFact]
    public async Task Schema_CasesEmptiedUnderTheirApplicants_IsRejected_WithThemItPasses()
    {
        await using var db = await _database.CreateAsync();
        await db.Store.ImportAsync(Scenario(cases: [Case("A", applicants: 2)]));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(db.Store, "TRUNCATE cases"));
        Assert.Equal(2, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM applicants"));
        await ExecuteAsync(db.Store, "TRUNCATE cases, applicants");
        Assert.Equal(0, await ScalarAsync(db.Store, "SELECT COUNT(*) FROM applicants") + await ScalarAsync(db.Store, "SELECT COUNT(*) FROM cases"));
    }

    [SkippableFact]
    public async Task BulkInsert_EveryKindOfValue_LandsAsWritten()
    {
        // The binary COPY the store encodes itself: each type the store writes, NULLs, empty arrays and arrays with NULLs,
        // text longer than one flush of the writer's buffer.
        await using var db = await _database.CreateAsync();
        await using var connection = (NpgsqlConnection)await db.Store.OpenConnectionAsync(default);
        await connection.ExecuteAsync("""
            CREATE TABLE bulk_values (n INTEGER NULL, big BIGINT NULL, t TEXT NULL, b BOOLEAN NULL, d DATE NULL, tm TIME NULL,
                ints INTEGER[] NULL, texts TEXT[] NULL)
            """);
        var wide = string.Concat(Enumerable.Repeat("wide-ü-日本-", 30_000));
        NpgsqlTypes.NpgsqlDbType[] types =
        [
            NpgsqlTypes.NpgsqlDbType.Integer, NpgsqlTypes.NpgsqlDbType.Bigint, NpgsqlTypes.NpgsqlDbType.Text, NpgsqlTypes.NpgsqlDbType.Boolean,
            NpgsqlTypes.NpgsqlDbType.Date, NpgsqlTypes.NpgsqlDbType.Time, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer,
            NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        ];
        var columns = new[] { "n", "big", "t", "b", "d", "tm", "ints", "texts" }.Select((name, i) => new Sql.BulkColumn(name, types[i])).ToList();
        object?[][] rows =
        [
            [1, long.MinValue, "Zürich", true, new LocalDate(2000, 1, 1), new LocalTime(0, 0), new[] { 1, -2, int.MaxValue }, new[] { "a", "ü", "" }],
            [2, 42L, wide, false, new LocalDate(1999, 12, 31), new LocalTime(23, 59, 59, 999), Array.Empty<int>(), Array.Empty<string>()],
            [3, 7, new Sql.Utf8Text("[[1,\"X\"]]"u8.ToArray()), null, new LocalDate(1, 1, 1), new LocalTime(8, 30), new[] { 5 }, new[] { "x", null, "z" }],
            [4L, null, null, true, new LocalDate(9999, 12, 31), null, null, null],
        ];
        await Sql.BulkInsert.RunAsync(connection, null!, "bulk_values", columns, rows, default);

        await using var command = new NpgsqlCommand("SELECT n, big, t, b, d, tm, ints, texts FROM bulk_values ORDER BY n", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var read = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            read.Add(Enumerable.Range(0, 8).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        Assert.Equal(4, read.Count);
        Assert.Equal([1, long.MinValue, "Zürich", true, new LocalDate(2000, 1, 1), new LocalTime(0, 0)], read[0][..6]);
        Assert.Equal(new[] { 1, -2, int.MaxValue }, (int[])read[0][6]!);
        Assert.Equal(new[] { "a", "ü", "" }, (string[])read[0][7]!);
        Assert.Equal([2, 42L, wide, false, new LocalDate(1999, 12, 31), new LocalTime(23, 59, 59, 999)], read[1][..6]);
        Assert.Empty((int[])read[1][6]!);
        Assert.Empty((string[])read[1][7]!);
        Assert.Equal([3, 7L, "[[1,\"X\"]]", null, new LocalDate(1, 1, 1), new LocalTime(8, 30)], read[2][..6]);
        Assert.Equal(new[] { "x", null, "z" }, (string?[])read[2][7]!);
        Assert.Equal([4, null, null, true, new LocalDate(9999, 12, 31), null, null, null], read[3]);
    }

    [SkippableFact]
    public async Task BulkInsert_FailingHalfWay_LeavesNoneOfItsRows_AndTheConnectionWorks()
    {
        // Outside a transaction, a COPY ended rather than cancelled would keep the rows sent before the failure.
        await using var db = await _database.CreateAsync();
        await using var connection = (NpgsqlConnection)await db.Store.OpenConnectionAsync(default);
        await connection.ExecuteAsync("CREATE TABLE bulk_half (n INTEGER NOT NULL, t TEXT NOT NULL)");
        Sql.BulkColumn[] columns = [new("n", NpgsqlTypes.NpgsqlDbType.Integer), new("t", NpgsqlTypes.NpgsqlDbType.Text)];
        IEnumerable<object?[]> Rows()
        {
            for (var n = 0; n < 50_000; n++)
                yield return [n, new string('x', 10)]; // more than one flush of the writer's buffer
            throw new InvalidOperationException("the rows' source failed");
        }
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => Sql.BulkInsert.RunAsync(connection, null!, "bulk_half", columns, Rows(), default));
        Assert.Equal("the rows' source failed", failed.Message);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bulk_half"));
        // A value the column cannot take is refused before anything is sent for it.
        await Assert.ThrowsAsync<ArgumentException>(() => Sql.BulkInsert.RunAsync(connection, null!, "bulk_half", columns, [[1, 2.5]], default));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bulk_half"));
        await Sql.BulkInsert.RunAsync(connection, null!, "bulk_half", columns, [[1, "one"]], default);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bulk_half"));
    }

    [SkippableFact]
    public async Task SnapshotRows_StoppedWhileTheServerHoldsTheNextRow_AskTheServerToCancel()
    {
        // The rows come through synchronous reads of the COPY stream: a stop request while a read waits for the server must
        // reach the server (which cancels the query) and end the read as a stop, not wait for the row. The server holds row
        // 11 for a minute (a read that missed the stop would wait for it, then read every row); rows 6 to 10 carry enough text to push rows 1 to 5 out of its send buffer.
        await using var db = await _database.CreateAsync();
        await using var connection = await db.Store.OpenConnectionAsync(default);
        await using var transaction = await SchedulerStore.BeginSnapshotAsync(connection, default);
        using var stop = new CancellationTokenSource();
        var count = 0;
        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var values = await Read.SnapshotRows.OpenAsync(connection, transaction, """
                SELECT n, CASE WHEN n > 5 THEN repeat('x', 65536) ELSE 'short' END
                FROM generate_series(CAST(1 AS BIGINT), 20) AS s(n)
                WHERE @Month = @Month AND (n <> 11 OR (SELECT true FROM pg_sleep(60)))
                """, new NodaTime.YearMonth(2026, 12), stop.Token);
            while (await values.ReadAsync(stop.Token))
            {
                if (++count == 5)
                    await stop.CancelAsync();
            }
        });
        Assert.Equal(stop.Token, stopped.CancellationToken);
        // What the driver makes of the cancelled read (the server's error, or its own timeout after the cancel request) is its
        // own; the batch sees a stop.
        Assert.IsAssignableFrom<NpgsqlException>(stopped.InnerException);
        Assert.InRange(count, 5, 10);
        await using var next = await db.Store.OpenConnectionAsync(default);
        Assert.Equal(1, await next.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [SkippableFact]
    public async Task Schema_UnscheduledLists_RefuseMisalignedArraysAndASecondListForAPost()
    {
        await using var db = await _database.CreateAsync();
        await using var connection = await db.Store.OpenConnectionAsync(default);
        var batch = await connection.ExecuteScalarAsync<long>(InsertBatch, BatchRow("2026-12", "running"));
        const string Insert = "INSERT INTO unscheduled_lists (batch_id, post, ordinals, case_ids, reasons) VALUES (@Batch, @Post, @Ordinals, @Cases, @Reasons)";
        var good = new { Batch = batch, Post = (string?)null, Ordinals = new[] { 0, 2 }, Cases = new[] { "A", "C" }, Reasons = new[] { "NO_POST", "NO_POST" } };
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Cases = new[] { "A" } }));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Reasons = new[] { "NO_POST", null! } }));
        await connection.ExecuteAsync(Insert, good);
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(Insert, good with { Ordinals = new[] { 1 }, Cases = new[] { "B" }, Reasons = new[] { "NO_POST" } }));
        await connection.ExecuteAsync(Insert, good with { Post = "MNL", Ordinals = new[] { 1 }, Cases = new[] { "B" }, Reasons = new[] { "NO_CAPACITY" } });
        Assert.Equal(["A:NO_POST", "B:NO_CAPACITY", "C:NO_POST"],
            await connection.QueryAsync<string>("SELECT case_id || ':' || reason FROM unscheduled WHERE batch_id = @Batch ORDER BY ordinal", new { Batch = batch }));
    }
}

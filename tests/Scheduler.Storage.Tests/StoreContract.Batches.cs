using System.Data.Common;
using NodaTime;
using Scheduler.Core.Scenarios;
using static Scheduler.Storage.Tests.Samples;

namespace Scheduler.Storage.Tests;

/// <summary>The ledger of batches: the schema's constraints, claiming a month, committing, superseding, failing.</summary>
public abstract partial class StoreContract
{
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

using System.Data.Common;
using Dapper;

namespace Scheduler.Storage.Tests;

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

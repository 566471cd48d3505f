using System.Data.Common;
using Dapper;
using Npgsql;
using NodaTime;
using static Scheduler.Storage.Tests.Samples;

namespace Scheduler.Storage.Tests;

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

using System.Data.Common;
using Dapper;
using NodaTime;
using Scheduler.Storage.Read;

namespace Scheduler.Storage.Tests;

/// <summary>The snapshot's row reader (SQLite's statement values, PostgreSQL's binary COPY parsed by the store), on both databases.</summary>
public abstract partial class StoreContract
{
    private const string ValuesTable = """
        CREATE TABLE snapshot_values (n BIGINT NOT NULL, month TEXT NOT NULL, id TEXT NOT NULL, code TEXT NULL, day DATE NULL, flag BOOLEAN NOT NULL)
        """;

    // 200,000 rows as both databases' recursive queries make them, every value a function of n.
    private const string Counted = """
        WITH RECURSIVE s(n) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT n + 1 FROM s WHERE n < 200000)
        SELECT n, 'X' || n, CASE WHEN n % 3 = 0 THEN NULL ELSE 'C' END FROM s WHERE @Month = @Month
        """;

    private static async Task<(DbConnection Connection, DbTransaction Transaction)> ReadTransactionAsync(SchedulerStore store)
    {
        var connection = await store.OpenConnectionAsync(default);
        var transaction = await SchedulerStore.BeginSnapshotAsync(connection, default);
        return (connection, transaction);
    }

    [SkippableFact]
    public async Task SnapshotRows_EveryKindOfValue_ReadAsWritten()
    {
        await using var db = await database.CreateAsync();
        var wide = string.Concat(Enumerable.Repeat("wide-ü-", 40_000)); // 320,000 characters: more than a read buffer holds
        var rows = new[]
        {
            new { N = -5L, Month = "2026-12", Id = "A-1", Code = (string?)"PH", Day = (LocalDate?)new LocalDate(2024, 2, 29), Flag = true },
            new { N = 0L, Month = "2026-12", Id = "Zürich-ü-日本", Code = (string?)"PH", Day = (LocalDate?)null, Flag = false },
            new { N = long.MaxValue, Month = "2026-12", Id = wide, Code = (string?)null, Day = (LocalDate?)new LocalDate(1, 1, 1), Flag = true },
            new { N = 7L, Month = "2026-11", Id = "other month", Code = (string?)"MX", Day = (LocalDate?)new LocalDate(9999, 12, 31), Flag = true },
            new { N = 8L, Month = "2026-12", Id = "B-2", Code = (string?)"MX", Day = (LocalDate?)new LocalDate(1999, 12, 31), Flag = false },
        };
        await using (var connection = await db.Store.OpenConnectionAsync(default))
        {
            await connection.ExecuteAsync(ValuesTable);
            foreach (var row in rows)
            {
                await connection.ExecuteAsync("INSERT INTO snapshot_values VALUES (@N, @Month, @Id, @Code, @Day, @Flag)", row);
            }
        }

        var (read, transaction) = await ReadTransactionAsync(db.Store);
        await using (read)
        await using (transaction)
        {
            var got = new List<(long N, string Id, string? Code, LocalDate? Day, bool Flag)>();
            var codes = new List<string?>();
            await using (var values = await SnapshotRows.OpenAsync(read, transaction,
                "SELECT n, id, code, day, flag FROM snapshot_values WHERE month = @Month ORDER BY n", new YearMonth(2026, 12), default))
            {
                string? previous = null;
                while (await values.ReadAsync(default))
                {
                    var id = values.TextOr(1, previous);
                    previous = id;
                    got.Add((values.Int64(0), id, values.CodeOrNull(2), values.DateOrNull(3), values.Boolean(4)));
                    codes.Add(values.IsNull(2) ? null : values.Code(2));
                }
            }
            var expected = rows.Where(r => r.Month == "2026-12").OrderBy(r => r.N).Select(r => (r.N, r.Id, r.Code, r.Day, r.Flag)).ToList();
            Assert.Equal(expected, got);
            // A code is one string for every row that holds it.
            Assert.Same(codes[0], codes[1]);
            Assert.Same(got[0].Code, got[1].Code);
            // The reader leaves the transaction ready for the next command.
            Assert.Equal(4, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM snapshot_values WHERE month = '2026-12'", transaction: transaction));
        }
    }

    [SkippableFact]
    public async Task SnapshotRows_StoppedWhileReading_ThrowCanceled_AndTheStoreReadsOn()
    {
        await using var db = await database.CreateAsync();
        var (read, transaction) = await ReadTransactionAsync(db.Store);
        var count = 0;
        await using (read)
        {
            using var stop = new CancellationTokenSource();
            // Disposed inside: the stop, not whatever ending the COPY early meets, is what the caller sees.
            var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await using var values = await SnapshotRows.OpenAsync(read, transaction, Counted, new YearMonth(2026, 12), stop.Token);
                while (await values.ReadAsync(stop.Token))
                {
                    Assert.Equal(count + 1, values.Int64(0));
                    Assert.Equal($"X{count + 1}", values.Text(1));
                    Assert.Equal((count + 1) % 3 == 0 ? null : "C", values.CodeOrNull(2));
                    if (++count == 10)
                        await stop.CancelAsync();
                }
            });
            Assert.Equal(stop.Token, stopped.CancellationToken);
            Assert.InRange(count, 10, 199_999);
            await transaction.DisposeAsync();
        }
        // A new read goes to its end.
        (read, transaction) = await ReadTransactionAsync(db.Store);
        await using (read)
        await using (transaction)
        {
            await using var values = await SnapshotRows.OpenAsync(read, transaction, Counted, new YearMonth(2026, 12), default);
            count = 0;
            while (await values.ReadAsync(default))
                count++;
            Assert.Equal(200_000, count);
        }
    }
}

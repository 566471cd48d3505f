using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using Scheduler.Core.Scheduling;
using Scheduler.Planning;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using Scheduler.Verification;

namespace Scheduler.Batches.Tests.Support;

/// <summary>The tests that run whole batches share the machine's two cores: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BatchRunsCollection
{
    public const string Name = "batch runs";
}

/// <summary>The small sample (5,000 cases, 10 posts, seed 3), made once per test run, and the options every batch here runs with.</summary>
public static class SmallSample
{
    private static readonly Lazy<(string Folder, YearMonth Month)> Made = new(() =>
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("scheduler-batches-").FullName, "small");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Program.Run(["sample", "--profile", "small", "--seed", "3", "--out", folder], output, error);
        if (code != 0)
            throw new InvalidOperationException($"sample failed ({code}): {error}");
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "settings.json")));
        var month = NodaTime.Text.YearMonthPattern.Iso.Parse(settings.RootElement.GetProperty("month").GetString()!).Value;
        return (folder, month);
    });

    public static string Folder => Made.Value.Folder;

    public static YearMonth Month => Made.Value.Month;

    public static string MonthText => NodaTime.Text.YearMonthPattern.Iso.Format(Month);

    /// <summary>What <c>run --workers 2</c> plans with (CP-SAT, seed 1).</summary>
    public static PlanOptions Options => new() { Solver = SolverKind.CpSat, Seed = 1, Workers = 2 };

    public static BatchRunRequest Request(bool force = false) => new(Month, Options, null, force);
}

/// <summary>A database engine the batch tests run on: imports the sample once, then hands out fresh databases holding exactly that.</summary>
public abstract class BatchDatabaseKind
{
    public abstract string Name { get; }

    /// <summary>Imports <paramref name="scenario"/> once (skips the test when the engine is not available).</summary>
    public abstract Task<IImportedSource> ImportAsync(string scenario);

    public override string ToString() => Name;

    protected static void Import(string scenario, string connection)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Program.Run(["db", "import", scenario, "--db", connection], output, error);
        if (code != 0)
            throw new InvalidOperationException($"db import failed ({code}): {error}");
    }
}

/// <summary>The imported state, copied afresh for each use.</summary>
public interface IImportedSource : IAsyncDisposable
{
    /// <summary>A new database holding the imported sample and no batch: its <c>--db</c> connection.</summary>
    Task<string> FreshAsync();
}

public sealed class SqliteKind : BatchDatabaseKind
{
    public override string Name => "SQLite";

    public override Task<IImportedSource> ImportAsync(string scenario)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-batches-sqlite-");
        var template = Path.Combine(folder.FullName, "imported.db");
        Import(scenario, template);
        // Closes the pooled connections: the last one checkpoints the WAL into the file.
        SqliteConnection.ClearAllPools();
        return Task.FromResult<IImportedSource>(new Source(folder, template));
    }

    private sealed class Source(DirectoryInfo folder, string template) : IImportedSource
    {
        private int _copies;

        public Task<string> FreshAsync()
        {
            var copy = Path.Combine(folder.FullName, $"copy-{Interlocked.Increment(ref _copies)}.db");
            File.Copy(template, copy);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(template + suffix))
                    File.Copy(template + suffix, copy + suffix);
            }
            return Task.FromResult($"Data Source={copy};Pooling=False");
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class PostgresKind : BatchDatabaseKind
{
    public override string Name => "PostgreSQL";

    public override async Task<IImportedSource> ImportAsync(string scenario)
    {
        var server = Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("SCHEDULER_REQUIRE_POSTGRES") == "1")
                Assert.Fail($"{PostgresTestDatabase.Variable} is not set but SCHEDULER_REQUIRE_POSTGRES=1");
            Skip.If(true, $"PostgreSQL tests need {PostgresTestDatabase.Variable}");
        }
        var source = new Source(server!);
        try
        {
            var template = await source.CreateAsync(null);
            Import(scenario, source.Connection(template));
            // CREATE DATABASE ... TEMPLATE needs the template without connections.
            NpgsqlConnection.ClearAllPools();
            source.Template = template;
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    private sealed class Source(string server) : IImportedSource
    {
        private readonly List<string> _databases = [];

        public string? Template { get; set; }

        public string Connection(string database) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

        public async Task<string> CreateAsync(string? template)
        {
            var name = "scheduler_batch_" + Guid.NewGuid().ToString("N");
            lock (_databases)
                _databases.Add(name);
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", admin);
            await create.ExecuteNonQueryAsync();
            return name;
        }

        public async Task<string> FreshAsync() => Connection(await CreateAsync(Template ?? throw new InvalidOperationException("not imported")));

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            foreach (var name in _databases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}

/// <summary>Row counts of the batch tables, read in one snapshot.</summary>
/// <param name="Batches">Batches whose rows are kept: committed or superseded.</param>
/// <param name="Committed">Committed batches.</param>
/// <param name="Appointments">Appointment rows.</param>
/// <param name="Allocations">Allocation rows.</param>
/// <param name="LiveAllocations">Live allocation rows.</param>
/// <param name="Unscheduled">Unscheduled rows.</param>
public sealed record RowCounts(long Batches, long Committed, long Appointments, long Allocations, long LiveAllocations, long Unscheduled);

public static class BatchChecks
{
    public static BatchRunner Runner(SchedulerStore store, ILogger<BatchRunner>? logger = null) =>
        new(store, new MonthlyPlanner(), TimeProvider.System, logger);

    /// <summary>Counts every batch table's rows in ONE read transaction (a snapshot on both engines).</summary>
    public static async Task<RowCounts> CountAsync(SchedulerStore store)
    {
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        async Task<long> Count(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var counts = new RowCounts(
            await Count("SELECT COUNT(*) FROM batches WHERE status IN ('committed', 'superseded')"),
            await Count("SELECT COUNT(*) FROM batches WHERE status = 'committed'"),
            await Count("SELECT COUNT(*) FROM appointments"),
            await Count("SELECT COUNT(*) FROM allocations"),
            await Count("SELECT COUNT(*) FROM allocations WHERE live"),
            await Count("SELECT COUNT(*) FROM unscheduled"));
        await transaction.CommitAsync();
        return counts;
    }

    /// <summary>Applicants holding more than one live number (should be none).</summary>
    public static async Task<List<string>> DoubleNumbersAsync(SchedulerStore store)
    {
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT applicant_id FROM allocations WHERE live GROUP BY applicant_id HAVING COUNT(*) > 1";
        var doubles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            doubles.Add(reader.GetString(0));
        return doubles;
    }

    /// <summary>The schedule's rows in order, as text, for exact comparison.</summary>
    public static (List<string> Appointments, List<string> Allocations, List<string> Unscheduled) Rows(Schedule schedule) =>
        (schedule.Appointments.Select(a => a.ToString()).ToList(),
         schedule.Allocations.Select(a => a.ToString()).ToList(),
         schedule.Unscheduled.Select(u => u.ToString()).ToList());

    public static void AssertSameSchedule(Schedule expected, Schedule actual)
    {
        var (ea, el, eu) = Rows(expected);
        var (aa, al, au) = Rows(actual);
        Assert.Equal(ea, aa);
        Assert.Equal(el, al);
        Assert.Equal(eu, au);
    }

    /// <summary>The rows one committed batch of <paramref name="schedule"/> puts in the tables.</summary>
    public static RowCounts OneBatch(Schedule schedule) =>
        new(1, 1, schedule.Appointments.Count, schedule.Allocations.Count, schedule.Allocations.Count, schedule.Unscheduled.Count);

    public static readonly RowCounts Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>The month as an uninterrupted batch commits it, on a fresh copy of <paramref name="source"/>.</summary>
    public static async Task<CommittedBatch> ReferenceAsync(IImportedSource source)
    {
        await using var store = SchedulerStore.Open(await source.FreshAsync());
        var result = await Runner(store).RunAsync(SmallSample.Request());
        Assert.Equal(BatchRunStatus.Committed, result.Status);
        return await store.ReadCommittedBatchAsync(SmallSample.Month) ?? throw new InvalidOperationException("reference not committed");
    }

    /// <summary><c>db export</c> of the month, then <c>verify</c> on it: no violation.</summary>
    public static void AssertExportVerifies(string connection) => AssertExportVerifies(connection, SmallSample.MonthText);

    /// <summary><c>db export</c> of the month's committed batch passes <c>verify DIR DIR</c>.</summary>
    public static void AssertExportVerifies(string connection, string month)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-batches-export-");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = Cli.Program.Run(["db", "export", "--month", month, "--out", folder.FullName, "--db", connection], output, error);
            Assert.Contains("its scenario and schedule", output.ToString());
            Assert.True(code == 0, $"db export: {code} {error}");
            var report = ScheduleVerifier.Verify(folder.FullName, folder.FullName, CancellationToken.None);
            Assert.Empty(report.Violations);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts <c>scheduler run --month M --db C --workers 2</c> as a separate process.</summary>
    public static Process StartRun(string connection, bool holdInCommit = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (holdInCommit)
            start.Environment["SCHEDULER_TEST_HOLD_IN_COMMIT"] = "1";
        foreach (var arg in new[] { typeof(Cli.Program).Assembly.Location, "run", "--month", SmallSample.MonthText, "--db", connection, "--workers", "2" })
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs the month in process until it is not held by another (a killed PostgreSQL client's backend may
    /// still hold the month for a moment after the kill): the month is then free, so this ends.</summary>
    public static async Task<BatchRunResult> RunWhenFreeAsync(SchedulerStore store)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await Runner(store).RunAsync(SmallSample.Request());
            if (result.Status != BatchRunStatus.AlreadyRunning || attempt >= 3000)
                return result;
            await Task.Delay(100);
        }
    }
}

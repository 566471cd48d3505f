using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Storage.Tests;

/// <summary>Makes a fresh, migrated store per test and removes it afterwards.</summary>
public interface ITestDatabase
{
    /// <summary>A new empty database, migrated.</summary>
    Task<TestStore> CreateAsync(bool migrate = true);
}

/// <summary>A store on a throwaway database; disposing it drops the database.</summary>
public sealed class TestStore(SchedulerStore store, string connection, Func<Task> drop) : IAsyncDisposable
{
    public SchedulerStore Store { get; } = store;

    public string Connection { get; } = connection;

    /// <summary>Another store on the same database, as a second process would open it.</summary>
    public SchedulerStore OpenAnother() => SchedulerStore.Open(Connection);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await drop();
    }
}

/// <summary>A SQLite file in a temporary folder (pooling off, so the file can be deleted).</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    public async Task<TestStore> CreateAsync(bool migrate = true)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-storage-");
        var connection = $"Data Source={Path.Combine(folder.FullName, "scheduler.db")};Pooling=False";
        var store = SchedulerStore.Open(connection);
        if (migrate)
            await store.MigrateAsync();
        return new TestStore(store, connection, () =>
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }
}

/// <summary>A fresh database on the server of <c>SCHEDULER_TEST_POSTGRES</c>; without it the test is skipped,
/// or fails when <c>SCHEDULER_REQUIRE_POSTGRES=1</c>.</summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string Variable = "SCHEDULER_TEST_POSTGRES";

    public async Task<TestStore> CreateAsync(bool migrate = true)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("SCHEDULER_REQUIRE_POSTGRES") == "1")
                Assert.Fail($"{Variable} is not set but SCHEDULER_REQUIRE_POSTGRES=1");
            Skip.If(true, $"PostgreSQL tests need {Variable} (an Npgsql connection string to a server where databases may be created)");
        }

        var name = "scheduler_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var store = SchedulerStore.Open(connection);
        if (migrate)
            await store.MigrateAsync();
        return new TestStore(store, connection, async () =>
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}

using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

/// <summary>The scheduler's database on SQLite or PostgreSQL: scenario inputs by month, and the ledger
/// of batches with the committed schedules. Safe to share between threads; each call opens its own connection.</summary>
public sealed partial class SchedulerStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnection;
    private readonly string? _sqliteFile;
    private readonly TimeProvider _time;

    static SchedulerStore() => NodaTypeHandlers.Register();

    private SchedulerStore(NpgsqlDataSource? postgres, string? sqliteConnection, string? sqliteFile, TimeProvider time)
    {
        _postgres = postgres;
        _sqliteConnection = sqliteConnection;
        _sqliteFile = sqliteFile;
        _time = time;
    }

    /// <summary>Opens the store at <paramref name="connection"/> (see <see cref="DatabaseLocation.KindOf"/>); connects lazily, call <see cref="MigrateAsync"/> first.</summary>
    public static SchedulerStore Open(string connection, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        time ??= TimeProvider.System;
        if (DatabaseLocation.KindOf(connection) == DatabaseKind.PostgreSql)
        {
            var builder = new NpgsqlDataSourceBuilder(connection);
            // Every statement is one of a few dozen raw literals run again and again (profile reads
            // and writes, key lookups): prepared on the server after their second use, each run skips
            // parsing and planning. A connection string that sets its own value keeps it.
            if (!connection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connection.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
                builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            }
            builder.UseNodaTime();
            return new SchedulerStore(builder.Build(), null, null, time);
        }

        var sqlite = connection.Contains('=') ? new SqliteConnectionStringBuilder(connection) : new SqliteConnectionStringBuilder { DataSource = connection };
        if (string.IsNullOrWhiteSpace(sqlite.DataSource) || sqlite.DataSource == ":memory:" || sqlite.Mode == SqliteOpenMode.Memory)
            throw new ArgumentException("the SQLite store needs a database file", nameof(connection));
        sqlite.DataSource = Path.GetFullPath(sqlite.DataSource);
        return new SchedulerStore(null, sqlite.ToString(), sqlite.DataSource, time);
    }

    /// <summary>The database engine behind this store.</summary>
    public DatabaseKind Kind => _postgres is null ? DatabaseKind.Sqlite : DatabaseKind.PostgreSql;

    /// <summary>The SQLite database file, or null on PostgreSQL.</summary>
    public string? DatabaseFile => _sqliteFile;

    /// <summary>A hook for tests and diagnostics: called inside the commit transaction once every row of the batch is
    /// written, just before COMMIT (a process killed there must leave nothing).</summary>
    public Func<Task>? BeforeBatchCommit { get; set; }

    /// <summary>A hook for tests: called while a snapshot is read, once its first connection holds the snapshot and before
    /// the second connection that reads the applicants beside it opens (a commit made there must stay out of both reads).</summary>
    internal Func<Task>? BeforeSnapshotTwin { get; set; }

    /// <summary>The clock's time in whole microseconds, as PostgreSQL keeps it, so what a call returns is what a read gives back.</summary>
    private Instant Now
    {
        get
        {
            var ticks = Instant.FromDateTimeOffset(_time.GetUtcNow()).ToUnixTimeTicks();
            return Instant.FromUnixTimeTicks(ticks - (ticks % (NodaConstants.TicksPerMillisecond / 1000)));
        }
    }

    internal async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(_sqliteConnection);
        try
        {
            await connection.OpenAsync(ct);
            // Readers and writers wait for each other instead of failing with SQLITE_BUSY.
            await connection.ExecuteAsync("""
                PRAGMA busy_timeout = 30000;
                PRAGMA foreign_keys = ON;
                """);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A write transaction: IMMEDIATE on SQLite, so a writer never fails half-way on a lock upgrade.</summary>
    private static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) => connection switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: false),
        _ => await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct),
    };

    /// <summary>A PostgreSQL snapshot's transaction settings: read only, and no parallel plans. A snapshot's two large
    /// reads come in table order, which their merge of cases and applicants relies on (a parallel scan's Gather
    /// interleaves its workers' rows: the merge would fall back on a lookup by id, 0.4 s of a national read), and they
    /// already run on two connections at once: parallel workers would only take the client's cores.</summary>
    private const string SnapshotSettings = "SET TRANSACTION READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0";

    /// <summary>A read-only snapshot: REPEATABLE READ READ ONLY on PostgreSQL, one deferred read transaction under WAL on SQLite.</summary>
    internal static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
            return sqlite.BeginTransaction(deferred: true);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await connection.ExecuteAsync(new CommandDefinition(SnapshotSettings, transaction: transaction, cancellationToken: ct));
        return transaction;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
    }
}

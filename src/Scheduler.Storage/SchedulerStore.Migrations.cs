using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>The advisory-lock class of this application's locks on PostgreSQL ("SCHD").</summary>
    internal const int LockClass = 0x53434844;

    /// <summary>Applies the numbered embedded migrations not yet recorded in <c>schema_migrations</c>, all in one
    /// transaction under a lock (PostgreSQL: <c>pg_advisory_xact_lock</c>; SQLite: <c>BEGIN IMMEDIATE</c>), so two
    /// processes starting at once never both migrate and a crash leaves no lock behind. Idempotent.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using (var transaction = await BeginWriteAsync(connection, ct))
        {
            if (Kind == DatabaseKind.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockClass, 0)",
                    new { LockClass }, transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at TIMESTAMPTZ NOT NULL)
                    """, transaction: transaction, cancellationToken: ct));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at TEXT NOT NULL)
                    """, transaction: transaction, cancellationToken: ct));
            }

            var applied = (await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: ct))).ToHashSet();
            foreach (var migration in Migrations(Kind).Where(m => !applied.Contains(m.Version)))
            {
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)
                    """, new { migration.Version, migration.Name, AppliedAt = Now }, transaction, cancellationToken: ct));
            }
            await transaction.CommitAsync(ct);
        }

        if (connection is SqliteConnection)
            await SetWriteAheadLogAsync(connection, ct);
    }

    /// <summary>WAL lets readers keep their snapshot while a batch commits; the mode persists in the file.</summary>
    private static async Task SetWriteAheadLogAsync(DbConnection connection, CancellationToken ct)
    {
        var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode", cancellationToken: ct));
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: ct));
    }

    private sealed record Migration(int Version, string Name, string Sql);

    private static IReadOnlyList<Migration> Migrations(DatabaseKind kind)
    {
        var assembly = typeof(SchedulerStore).Assembly;
        var prefix = $"Migrations/{(kind == DatabaseKind.PostgreSql ? "PostgreSql" : "Sqlite")}/";
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, name, reader.ReadToEnd()));
        }
        if (list.Count == 0 || list.Select(m => m.Version).Distinct().Count() != list.Count)
            throw new InvalidOperationException($"the embedded migrations under {prefix} are missing or numbered twice");
        return list.OrderBy(m => m.Version).ToList();
    }
}

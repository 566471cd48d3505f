using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Scheduler.Storage.Sql;

/// <summary>A column of a bulk insert: its name and its PostgreSQL type for binary COPY.</summary>
internal readonly record struct BulkColumn(string Name, NpgsqlDbType PgType);

/// <summary>Fast inserts of many rows inside the caller's transaction: binary COPY on PostgreSQL,
/// one prepared INSERT reused per row on SQLite. Table and column names are code constants; every
/// value goes as a parameter (SQLite) or in the COPY stream (PostgreSQL).</summary>
internal static class BulkInsert
{
    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => c.Name));
        if (connection is NpgsqlConnection pg)
        {
            await using var importer = await pg.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                importer.StartRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    // Written through the typed overloads: Write<object> resolves its converter again for every value.
                    var type = columns[i].PgType;
                    switch (row[i])
                    {
                        case null: importer.WriteNull(); break;
                        case string text: importer.Write(text, type); break;
                        case int number: importer.Write(number, type); break;
                        case long number: importer.Write(number, type); break;
                        case bool flag: importer.Write(flag, type); break;
                        case NodaTime.LocalDate date: importer.Write(date, type); break;
                        case NodaTime.LocalTime time: importer.Write(time, type); break;
                        case var other: importer.Write(other, type); break;
                    }
                }
            }
            await importer.CompleteAsync(ct);
            return;
        }

        var sqlite = (SqliteConnection)connection;
        await using var command = sqlite.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = new SqliteParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
            parameters[i] = command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        command.Prepare();
        var count = 0;
        foreach (var row in rows)
        {
            if (++count % 10_000 == 0)
                ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = SqlText.ForSqlite(row[i]);
            command.ExecuteNonQuery();
        }
    }
}

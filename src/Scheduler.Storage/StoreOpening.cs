using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Storage;

/// <summary>The outcome of opening and migrating a store: the store, or one line saying why the
/// database cannot be used (never the connection string's password).</summary>
public sealed record StoreOpening(SchedulerStore? Store, string? Problem)
{
    /// <summary>Opens the store at <paramref name="connection"/> and migrates it. With
    /// <paramref name="create"/> false a SQLite file that does not exist is refused ("no database at
    /// PATH") rather than created, so a mistyped path never leaves an empty database behind.</summary>
    public static async Task<StoreOpening> OpenAsync(string connection, bool create, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var where = DatabaseLocation.Describe(connection);
        SchedulerStore store;
        try
        {
            store = SchedulerStore.Open(connection, time);
        }
        catch (ArgumentException e)
        {
            return Refused($"not a usable connection string ({where}): {e.Message}");
        }
        if (store.DatabaseFile is { } file)
        {
            if (Directory.Exists(file))
            {
                await store.DisposeAsync();
                return Refused($"{file} is a folder, not a database file");
            }
            if (!File.Exists(file) && (!create || !Directory.Exists(Path.GetDirectoryName(file))))
            {
                await store.DisposeAsync();
                return Refused(create ? $"no folder {Path.GetDirectoryName(file)} for the database {file}" : $"no database at {file}");
            }
        }
        return await MigrateAsync(store, where, ct);
    }

    private static async Task<StoreOpening> MigrateAsync(SchedulerStore store, string where, CancellationToken ct)
    {
        try
        {
            await store.MigrateAsync(ct);
            return new StoreOpening(store, null);
        }
        catch (Exception e) when (IsUnusable(e))
        {
            await store.DisposeAsync();
            return Refused($"cannot use {where}: {Cause(e)}");
        }
    }

    /// <summary>True for the failures that mean the database is unreachable, refused us, or is not a database.</summary>
    public static bool IsUnusable(Exception e) =>
        e is DbException or SocketException or TimeoutException or IOException or UnauthorizedAccessException
        || e.InnerException is { } inner && IsUnusable(inner);

    /// <summary>The exception's message, with its cause's when that says more (a refused socket, a timeout).</summary>
    public static string Cause(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        return e.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{message} ({inner.Message.ReplaceLineEndings(" ").Trim()})"
            : message;
    }

    private static StoreOpening Refused(string problem) => new(null, problem);
}

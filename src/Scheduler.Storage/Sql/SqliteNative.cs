using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scheduler.Storage.Sql;

/// <summary>What the store's statements stepped on a connection's own handle (the snapshot's large reads, bulk
/// inserts) share: a failed call becomes the <see cref="SqliteException"/> Microsoft.Data.Sqlite would have thrown.</summary>
internal static class SqliteNative
{
    /// <summary>Throws for any result but <c>SQLITE_OK</c>, with the connection's message.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, db);
    }
}

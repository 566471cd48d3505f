using System.Runtime.InteropServices;
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

/// <summary>A stepped statement's values read straight from e_sqlite3 (the library SQLitePCLRaw loads), by the
/// statement's raw handle and without the runtime's transition to native code: SQLitePCLRaw makes two calls for a
/// value's bytes (its pointer, then its length), each marshalling the statement's safe handle, half of a national
/// read's time on SQLite. Only calls that return at once, never block on I/O and never call back are declared
/// here; stepping (which reads pages) goes through SQLitePCLRaw as before. The caller keeps the statement's safe
/// handle alive while it uses the raw one.</summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>True when SQLitePCLRaw runs on e_sqlite3 (Microsoft.Data.Sqlite's own bundle), so that these calls reach
    /// the library its statements belong to; with another provider the store reads through SQLitePCLRaw.</summary>
    public static bool Usable { get; } = raw.GetNativeLibraryName() == Library;

    /// <summary>The value as text (UTF-8), valid until the statement moves; false for NULL (a pointer SQLite gives
    /// for every other value, '' included).</summary>
    public static bool TryText(IntPtr statement, int column, out ReadOnlySpan<byte> bytes)
    {
        // The text first, then its length, as SQLite asks (a value converted to text has its length only after).
        var text = ColumnText(statement, column);
        if (text == null)
        {
            bytes = default;
            return false;
        }
        bytes = new ReadOnlySpan<byte>(text, ColumnBytes(statement, column));
        return true;
    }

    public static long Int64(IntPtr statement, int column) => ColumnInt64(statement, column);

    public static bool IsNull(IntPtr statement, int column) => ColumnType(statement, column) == raw.SQLITE_NULL;

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text"), SuppressGCTransition]
    private static partial byte* ColumnText(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
    private static partial int ColumnBytes(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
    private static partial long ColumnInt64(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
    private static partial int ColumnType(IntPtr statement, int column);
}

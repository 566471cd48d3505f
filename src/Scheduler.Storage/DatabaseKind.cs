namespace Scheduler.Storage;

/// <summary>The database engines the store runs on.</summary>
public enum DatabaseKind
{
    Sqlite, PostgreSql,
}

namespace Scheduler.Storage;

/// <summary>Where the database is: the <c>--db</c> option, else the <c>SCHEDULER_DB</c> environment
/// variable, else <c>scheduler.db</c> in the working directory.</summary>
public static class DatabaseLocation
{
    /// <summary>The environment variable read when no option is given.</summary>
    public const string EnvironmentVariable = "SCHEDULER_DB";

    /// <summary>The file used when neither the option nor the environment variable is given.</summary>
    public const string DefaultFile = "scheduler.db";

    /// <summary>The connection to use: <paramref name="option"/> when given, else <c>SCHEDULER_DB</c>, else <c>scheduler.db</c> in the working directory.</summary>
    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option;
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(Environment.CurrentDirectory, DefaultFile)
            : fromEnvironment;
    }

    /// <summary>PostgreSQL for an Npgsql connection string (one containing <c>Host=</c>); otherwise SQLite (a file path or a <c>Data Source=...</c> string).</summary>
    public static DatabaseKind KindOf(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        return connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseKind.PostgreSql : DatabaseKind.Sqlite;
    }

    /// <summary>The database for messages: the SQLite file's full path, or PostgreSQL's host, port,
    /// database and user, never its password.</summary>
    public static string Describe(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        try
        {
            if (KindOf(connection) == DatabaseKind.PostgreSql)
            {
                var b = new Npgsql.NpgsqlConnectionStringBuilder(connection);
                return $"PostgreSQL {b.Host}:{b.Port}/{b.Database ?? b.Username ?? "?"} as {b.Username ?? "?"}";
            }
            var file = connection.Contains('=') ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource : connection;
            return $"SQLite {Path.GetFullPath(file)}";
        }
        catch (ArgumentException)
        {
            // Unparseable: name the engine only, since the text may hold a password.
            return KindOf(connection) == DatabaseKind.PostgreSql ? "a PostgreSQL connection string" : "a SQLite connection string";
        }
    }
}

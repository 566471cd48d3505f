using Scheduler.Storage.Tests;

namespace Scheduler.Batches.Tests;

/// <summary>A <c>--db</c> the verbs cannot use: one line naming <c>--db</c> and the cause, exit 2, no stack
/// trace and no password; the verbs that only read never create a database on a mistyped path.</summary>
public class UnusableDatabaseTests
{
    [Theory]
    [InlineData("batches list --db /nonexistent/dir/x.db", "no database at /nonexistent/dir/x.db")]
    [InlineData("db import TINY --db /nonexistent/x.db", "no folder /nonexistent")]
    [InlineData("run --month 2026-12 --db Host=127.0.0.1;Port=1;Username=x;Password=hunter22", "Failed to connect to 127.0.0.1:1")]
    [InlineData("batches list --db Host=127.0.0.1;Bogus=1;Password=hunter22", "not a usable connection string")]
    [InlineData("batches list --db Data Source=x.db;Bogus=1", "not a usable connection string")]
    public void Verb_UnusableDatabase_Exit2WithOneLineNamingDb(string command, string cause)
    {
        var args = command.Replace("TINY", ScenarioFolders.Tiny, StringComparison.Ordinal).Split(' ');
        // "--db Data Source=..." is one argument.
        args = JoinDb(args);
        var result = ScenarioFolders.Cli(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("--db: ", line, StringComparison.Ordinal);
        Assert.Contains(cause, line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Verb_PostgreSqlDatabaseMissing_Exit2NamingIt()
    {
        await using var db = await new PostgresTestDatabase().CreateAsync();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(db.Connection) { Database = "no_such_scheduler_db" }.ConnectionString;
        var result = ScenarioFolders.Cli("batches", "list", "--db", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--db: cannot use PostgreSQL", result.Error, StringComparison.Ordinal);
        Assert.Contains("no_such_scheduler_db", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batches", "list")]
    [InlineData("batches", "show", "1")]
    [InlineData("run", "--month", "2026-12")]
    [InlineData("db", "export", "--month", "2026-12", "--out", "OUT")]
    public void ReadingVerb_NoFileAtPath_RefusesAndCreatesNone(params string[] verb)
    {
        var folder = ScenarioFolders.NewTemp();
        var typo = Path.Combine(folder, "schedluer.db");
        var args = verb.Select(a => a == "OUT" ? Path.Combine(folder, "out") : a).Concat(["--db", typo]).ToArray();

        var result = ScenarioFolders.Cli(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--db: no database at {typo}", result.Error.Trim());
        Assert.False(File.Exists(typo));
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void DbImport_NoFileAtPath_CreatesTheDatabase()
    {
        var db = Path.Combine(ScenarioFolders.NewTemp(), "new.db");
        var import = ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal(0, ScenarioFolders.Cli("batches", "list", "--db", db).ExitCode);
    }

    private static string[] JoinDb(string[] args)
    {
        var at = Array.IndexOf(args, "--db");
        return at < 0 ? args : [.. args[..(at + 1)], string.Join(' ', args[(at + 1)..])];
    }
}

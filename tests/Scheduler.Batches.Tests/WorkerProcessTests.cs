using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NodaTime;
using Scheduler.Batches.Tests.Support;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using Scheduler.Tests.Shared;

namespace Scheduler.Batches.Tests;

/// <summary>The hosted worker as an operator runs it: a separate <c>scheduler-worker</c> process that
/// finds next month due and plans it, and a SIGTERM during the plan that ends the batch, committing
/// nothing, and the process cleanly. The process holds after its first solved post until the signal
/// (<c>SCHEDULER_TEST_HOLD_SEARCH</c>), so the signal always finds the batch planning.</summary>
[Collection(BatchRunsCollection.Name)]
public class WorkerProcessTests
{
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task Worker_SigtermWhilePlanning_StopsTheBatchWithNothingWritten_AndExitsCleanly()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        // Next month (in NVC's calendar), as of the 16th two months before: due now, whatever today is.
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Date;
        var month = today.ToYearMonth().PlusMonths(1);
        var asOf = month.PlusMonths(-2).OnDayOfMonth(16);
        var scenario = TestRun.CopyFiles(SmallSample.Folder, ScenarioFolders.NewTemp());
        File.WriteAllText(Path.Combine(scenario, "settings.json"), $$"""{ "month": "{{month:yyyy-MM}}", "asOf": "{{asOf:yyyy-MM-dd}}" }""");
        var import = ScenarioFolders.Cli("db", "import", scenario, "--db", db.Connection);
        Assert.True(import.ExitCode == 0, import.Error);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(Worker.Program).Assembly.Location, $"--Scheduler:Database={db.Connection}", "--Scheduler:Workers=2" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[Worker.MonthlyBatchWorker.HoldSearchVariable] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var signalled = false;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (!signalled && Regex.IsMatch(line, @"done \(\d+/\d+\), searched True"))
            {
                Assert.Equal(0, Kill(process.Id, SigTerm));
                signalled = true;
            }
        }
        await process.WaitForExitAsync();
        var log = string.Join('\n', lines) + "\n" + await stderr;

        Assert.True(signalled, log);
        Assert.True(process.ExitCode == 0, log);
        Assert.Contains("stopped before commit", log);
        var batch = Assert.Single(await db.Store.ListBatchesAsync(month));
        Assert.Equal(BatchStatus.Stopped, batch.Status);
        // Caught up (its run date passed two months ago): as of the day it ran, in NVC's calendar.
        var after = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Date;
        Assert.InRange(batch.AsOf, today, after);
        Assert.Null(await db.Store.ReadCommittedBatchAsync(month));

        // The next run plans the month from scratch and commits it.
        var rerun = ScenarioFolders.Cli("run", "--month", $"{month:yyyy-MM}", "--workers", "2", "--db", db.Connection);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        BatchChecks.AssertExportVerifies(db.Connection, $"{month:yyyy-MM}");
    }

    [Fact]
    public async Task WorkerRun_PlansTheMonthNowAsTheCliRunDoes_AndExitsWithTheCliRunsCodes()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        var import = ScenarioFolders.Cli("db", "import", SmallSample.Folder, "--db", db.Connection);
        Assert.True(import.ExitCode == 0, import.Error);
        await using var twin = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", SmallSample.Folder, "--db", twin.Connection).ExitCode);

        var run = await WorkerAsync("run", "--month", SmallSample.MonthText, "--db", db.Connection, "--Scheduler:Workers=2");
        Assert.True(run.ExitCode == 0, run.Error);
        // Its log on standard error, with the batch's figures; on standard output, how it ended.
        Assert.Matches(@"committed month [0-9-]+: \d+ cases, .*plan \d+ ms, read \d+ ms, commit \d+ ms", run.Error);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var cli = ScenarioFolders.Cli("run", "--month", SmallSample.MonthText, "--workers", "2", "--db", twin.Connection);
        Assert.True(cli.ExitCode == 0, cli.Error);
        // The same engine, settings and seed as the CLI's run: the same plan, said in the same words (but the plan's time).
        static string Figures(string text) => Regex.Replace(text.Trim(), @", [0-9,]+ ms -> database$", "");
        Assert.Equal(Figures(cli.Output), Figures(line));
        var batch = Assert.Single(await db.Store.ListBatchesAsync(SmallSample.Month));
        Assert.Equal(BatchStatus.Committed, batch.Status);
        BatchChecks.AssertExportVerifies(db.Connection, SmallSample.MonthText);

        var again = await WorkerAsync("run", "--month", SmallSample.MonthText, "--db", db.Connection);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"already has committed batch {batch.Id}", again.Error);

        var forced = await WorkerAsync("run", "--month", SmallSample.MonthText, "--force", "--db", db.Connection, "--Scheduler:Workers=2");
        Assert.True(forced.ExitCode == 0, forced.Error);
        var batches = await db.Store.ListBatchesAsync(SmallSample.Month);
        Assert.Equal(2, batches.Count);
        Assert.Single(batches, b => b.Status == BatchStatus.Committed && b.Id != batch.Id);

        var badMonth = await WorkerAsync("run", "--month", "2026-13", "--db", db.Connection);
        Assert.Equal(2, badMonth.ExitCode);
        Assert.Contains("--month: expected yyyy-MM, got '2026-13'", badMonth.Error);
        var badSetting = await WorkerAsync("run", "--month", SmallSample.MonthText, "--db", db.Connection, "--Scheduler:Solver=fastest");
        Assert.Equal(2, badSetting.ExitCode);
        Assert.Contains("Solver", badSetting.Error);
        Assert.Equal(2, (await db.Store.ListBatchesAsync(SmallSample.Month)).Count);

        // A batch runs on what is there: a mistyped path is refused and leaves no empty database behind.
        var typo = Path.Combine(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Connection).DataSource)!, "typo.db");
        var missing = await WorkerAsync("run", "--month", SmallSample.MonthText, "--db", typo);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"--db: no database at {typo}", missing.Error);
        Assert.False(File.Exists(typo));
    }

    [Theory]
    [InlineData(new[] { "--force" }, "--month is required")]
    [InlineData(new[] { "--month" }, "--month: expected yyyy-MM, got ''")]
    [InlineData(new[] { "--month", "2027-01", "--as-of", "16.12.2026" }, "--as-of: expected yyyy-MM-dd, got '16.12.2026'")]
    [InlineData(new[] { "--month", "2027-01", "--db" }, "--db: expected a SQLite path or a PostgreSQL connection string")]
    [InlineData(new[] { "--month", "2027-01", "--seed", "2" }, "unknown argument '--seed'")]
    public void WorkerRunArguments_Bad_AreNamed(string[] args, string problem)
    {
        Assert.Null(Worker.RunOnce.Parse(args, out var said));
        Assert.Equal(problem, said);
    }

    [Fact]
    public void WorkerRunArguments_TheVerbsOwn_AndTheRestForTheHostsConfiguration()
    {
        var parsed = Worker.RunOnce.Parse(["--Scheduler:Seed=2", "--month", "2027-01", "--as-of", "2026-12-16", "--force", "--db", "x.db"], out var problem);
        Assert.Null(problem);
        Assert.NotNull(parsed);
        Assert.Equal(new YearMonth(2027, 1), parsed.Month);
        Assert.Equal(new LocalDate(2026, 12, 16), parsed.AsOf);
        Assert.True(parsed.Force);
        Assert.Equal("x.db", parsed.Database);
        Assert.Contains("--Scheduler:Seed=2", parsed.Configuration);
        Assert.Contains("--Scheduler:Database=x.db", parsed.Configuration);
    }

    private static async Task<(int ExitCode, string Output, string Error)> WorkerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Worker.Program).Assembly.Location);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

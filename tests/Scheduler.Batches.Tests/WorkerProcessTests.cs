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
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Scheduler.Cli.Tests.Plan;

/// <summary>Ctrl+C as a user gives it: a real SIGINT to a separate <c>scheduler plan</c> process
/// while CP-SAT is searching. (CP-SAT catches SIGINT itself unless told not to, which stopped one
/// post's solve and swallowed the signal: the run went on to the end.) The process holds each
/// worker after its first solved post until the signal arrives (<c>SCHEDULER_TEST_HOLD_SEARCH</c>),
/// so however slow or busy the machine, the signal finds the search under way: reading the trace
/// late once let the search finish first.</summary>
public class InterruptTests
{
    private const int SigInt = 2;

    // libc's kill(2), as Ctrl+C in a terminal delivers it: no kill executable needed.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task Plan_SigintDuringTheSearch_StopsTheSearch_AndWritesAScheduleThatVerifies()
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "medium");
        Assert.Equal(0, TestFolders.Run("sample", "--profile", "medium", "--seed", "1", "--out", scenario).ExitCode);
        var schedule = Path.Combine(root, "out");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "plan", scenario, "--out", schedule, "--workers", "2" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SCHEDULER_TRACE"] = "1";
        start.Environment["SCHEDULER_TEST_HOLD_SEARCH"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new List<string>();
        var signalled = false;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            stderr.Add(line);
            // The first post solved: the search is under way at the others.
            if (!signalled && line.Contains(" solved ", StringComparison.Ordinal))
            {
                Assert.Equal(0, Kill(process.Id, SigInt));
                signalled = true;
            }
        }
        await process.WaitForExitAsync();
        var error = string.Join('\n', stderr);

        Assert.True(signalled, error);
        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("SIGINT: stopping the search", error);
        // Posts whose search had not begun keep first fit's schedule, and say so.
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(schedule, "summary.json")));
        var searched = stderr.Count(l => l.Contains(" solved ", StringComparison.Ordinal));
        var needed = stderr.Count(l => l.EndsWith("search True", StringComparison.Ordinal));
        // Each worker stops at its first solved post until the signal: at most one post per worker.
        Assert.True(searched <= 2 && searched < needed, $"{searched} of {needed} posts searched after the signal\n{error}");
        Assert.Equal(0, summary.RootElement.GetProperty("fifoInversions").GetInt32());
        var verify = TestFolders.Run("verify", scenario, schedule);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains(" -> ", await stdout);
    }
}

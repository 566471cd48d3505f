using System.Text.Json;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;
using Scheduler.Planning;
using Scheduler.Verification;

namespace Scheduler.Cli.Tests.Plan;

/// <summary><c>plan --solver cpsat</c> (the default): optimal on the hand-worked example, never
/// behind first fit, reproducible, and bounded in time.</summary>
public class CpSatPlanTests
{
    [Fact]
    public void Plan_Tiny_SeatsTheOptimum27WithNoInversionAndProvesIt()
    {
        var schedule = Path.Combine(TestFolders.NewTemp(), "out");
        var plan = TestFolders.Run("plan", TestFolders.Tiny, "--out", schedule);
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Equal(0, TestFolders.Run("verify", TestFolders.Tiny, schedule).ExitCode);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(schedule, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("cpsat", root.GetProperty("solver").GetString());
        Assert.Equal(27, root.GetProperty("scheduledApplicants").GetInt32());
        Assert.Equal(0, root.GetProperty("fifoInversions").GetInt32());
        Assert.Equal("OPTIMAL", root.GetProperty("status").GetString());
        Assert.Equal(27, root.GetProperty("objective").GetInt64());
        Assert.Equal(27, root.GetProperty("bestBound").GetInt64());
        Assert.Equal(0, root.GetProperty("gap").GetDouble());
        var seated = root.GetProperty("posts").EnumerateArray().ToDictionary(
            p => p.GetProperty("post").GetString()!, p => p.GetProperty("scheduledApplicants").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["CDJ"] = 11, ["MNL"] = 10, ["ABD"] = 6 }, seated);
        foreach (var post in root.GetProperty("posts").EnumerateArray())
        {
            Assert.Equal("OPTIMAL", post.GetProperty("status").GetString());
            Assert.True(post.GetProperty("solveMs").GetInt64() >= 0);
        }

        var appointments = File.ReadAllLines(Path.Combine(schedule, "appointments.csv"));
        // C-12 must keep its interview_by date (Dec 29) and pairs with C-01 to reach 11 at CDJ.
        Assert.Contains(appointments, a => a.StartsWith("C-12,CDJ,2026-12-28,", StringComparison.Ordinal) || a.StartsWith("C-12,CDJ,2026-12-29,", StringComparison.Ordinal));
        Assert.Contains(appointments, a => a.StartsWith("C-01,", StringComparison.Ordinal));
        var unscheduled = File.ReadAllLines(Path.Combine(schedule, "unscheduled.csv"));
        Assert.Contains("M-06,MIX_LIMIT", unscheduled);
        Assert.Contains("M-01,NO_NUMBERS", unscheduled);
        Assert.Contains("C-10,NO_CAPACITY", unscheduled);
        Assert.DoesNotContain(appointments, a => a.StartsWith("C-02,", StringComparison.Ordinal));
    }

    public static TheoryData<int> SmallSeeds() => [1, 2, 3, 7, 11, 13, 21, 42, 55, 77];

    [Theory]
    [MemberData(nameof(SmallSeeds))]
    public void Plan_SmallProfile_PassesVerifyAndIsNeverBehindFirstFitAtAnyPost(int seed)
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        Assert.Equal(0, TestFolders.Run("sample", "--profile", "small", "--seed", seed.ToString(), "--out", scenario).ExitCode);
        var greedy = Path.Combine(root, "greedy");
        var cpsat = Path.Combine(root, "cpsat");
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", greedy, "--solver", "greedy").ExitCode);
        var plan = TestFolders.Run("plan", scenario, "--out", cpsat, "--solver", "cpsat", "--workers", "2");
        Assert.True(plan.ExitCode == 0, plan.Error);
        var verify = TestFolders.Run("verify", scenario, cpsat);
        Assert.True(verify.ExitCode == 0, verify.Output);

        var firstFit = PostFigures(greedy);
        var solved = PostFigures(cpsat);
        foreach (var (post, (seats, deviation)) in solved)
        {
            var (firstFitSeats, firstFitDeviation) = firstFit[post];
            Assert.True(seats >= firstFitSeats, $"{post}: {seats} seated, first fit {firstFitSeats}");
            // Seats come first in the objective order: the deviation may only grow with them.
            Assert.True(seats > firstFitSeats || deviation <= firstFitDeviation,
                $"{post}: mix deviation {deviation}, first fit {firstFitDeviation} with as many seated");
        }
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Plan_SameSeed_SameScheduleWhateverTheWorkers()
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        TestFolders.Run("sample", "--profile", "small", "--seed", "3", "--out", scenario);
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", Path.Combine(root, "one"), "--seed", "7", "--workers", "1").ExitCode);
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", Path.Combine(root, "two"), "--seed", "7", "--workers", "2").ExitCode);
        foreach (var file in new[] { "appointments.csv", "allocations.csv", "unscheduled.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, "one", file)), File.ReadAllBytes(Path.Combine(root, "two", file)));
        }
    }

    [Fact]
    public void Plan_TimeLimitStrikes_WritesAValidScheduleNoWorseThanFirstFit()
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        TestFolders.Run("sample", "--profile", "small", "--seed", "11", "--out", scenario);
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", Path.Combine(root, "greedy"), "--solver", "greedy").ExitCode);
        var plan = TestFolders.Run("plan", scenario, "--out", Path.Combine(root, "limited"), "--time-limit", "0.2");
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Equal(0, TestFolders.Run("verify", scenario, Path.Combine(root, "limited")).ExitCode);
        var firstFit = PostFigures(Path.Combine(root, "greedy"));
        foreach (var (post, (seats, _)) in PostFigures(Path.Combine(root, "limited")))
        {
            Assert.True(seats >= firstFit[post].Seats);
        }
    }

    [Fact]
    public void Plan_TimeLimitNotPositive_IsBadInput()
    {
        var plan = TestFolders.Run("plan", TestFolders.Tiny, "--out", Path.Combine(TestFolders.NewTemp(), "out"), "--time-limit", "0");
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("--time-limit", plan.Error);
    }

    [Fact]
    public void Plan_CancelledDuringTheSearch_ReturnsAValidScheduleOrNothing()
    {
        var read = ScenarioReader.Read(TestFolders.Tiny);
        var planner = new MonthlyPlanner();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        try
        {
            var plan = planner.Plan(read.Scenario!, new PlanOptions { Workers = 1 }, cancellationToken: cancel.Token);
            Assert.Equal(0, plan.Figures.Overall.FifoInversions);
        }
        catch (OperationCanceledException)
        {
            // Nothing planned: nothing to write.
        }

        // Cancelled once first fit is done: the search stops and first fit's schedule stands.
        var root = TestFolders.NewTemp();
        TestFolders.Run("sample", "--profile", "small", "--seed", "2", "--out", root);
        var small = ScenarioReader.Read(root).Scenario!;
        using var later = new CancellationTokenSource();
        var afterFirstFit = new Inline(p =>
        {
            if (p.Stage == PlanStage.FirstFitDone)
            {
                later.Cancel();
            }
        });
        var planned = planner.Plan(small, new PlanOptions { Workers = 1 }, afterFirstFit, later.Token);
        var figures = planned.Figures;
        Assert.Equal(0, figures.Overall.FifoInversions);
        Assert.All(planned.Solver!.Posts, p => Assert.Equal(ScheduleSource.FirstFit, p.Source));
        var written = Path.Combine(TestFolders.NewTemp(), "out");
        Scheduler.Files.Output.ScheduleWriter.Write(written, planned.Schedule, figures, new Scheduler.Files.Output.RunInfo("2026-12", "cpsat", 0, planned.Solver));
        Assert.Empty(ScheduleVerifier.Verify(root, written, CancellationToken.None).Violations);
    }

    private static Dictionary<string, (long Seats, double Deviation)> PostFigures(string schedule)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(schedule, "summary.json")));
        return summary.RootElement.GetProperty("posts").EnumerateArray().ToDictionary(
            p => p.GetProperty("post").GetString()!,
            p => (p.GetProperty("scheduledApplicants").GetInt64(), p.GetProperty("mixDeviation").GetDouble()));
    }

    private sealed class Inline(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }
}

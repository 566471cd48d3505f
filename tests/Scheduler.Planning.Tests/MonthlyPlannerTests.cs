using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Output;
using Scheduler.Verification;

namespace Scheduler.Planning.Tests;

/// <summary>The one entry point: options checked, progress per post, the time limit read from the
/// injected clock, and the same schedule for the same inputs.</summary>
public class MonthlyPlannerTests
{
    [Theory]
    [InlineData(0, 1.0, "workers")]
    [InlineData(PlanOptions.MaxWorkers + 1, 1.0, "workers")]
    [InlineData(1, 0.0, "time limit")]
    [InlineData(1, -2.0, "time limit")]
    public void Plan_InvalidOptions_ThrowsNamingTheOption(int workers, double limitSeconds, string named)
    {
        var options = new PlanOptions { Workers = workers, TimeLimit = TimeSpan.FromSeconds(limitSeconds) };
        Assert.Contains(options.Problems(), p => p.StartsWith(named, StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => new MonthlyPlanner().Plan(Examples.Read(Examples.Tiny), options));
        Assert.Contains(named, thrown.Message);
    }

    [Fact]
    public void PlanOptions_Defaults_AreCpSatSeed1OneWorkerPerCoreNoLimit()
    {
        var options = new PlanOptions();
        Assert.Equal(SolverKind.CpSat, options.Solver);
        Assert.Equal(1, options.Seed);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount), options.Workers);
        Assert.Null(options.TimeLimit);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Plan_CpSat_ReportsFirstFitThenEveryPostOnceThenDone()
    {
        var scenario = Examples.Read(Examples.Tiny);
        var progress = new RecordingProgress();
        var plan = new MonthlyPlanner().Plan(scenario, new PlanOptions { Workers = 2 }, progress);

        var reports = progress.Reports;
        Assert.Equal(PlanStage.FirstFitDone, reports[0].Stage);
        Assert.Equal(PlanStage.Done, reports[^1].Stage);
        var posts = reports.Where(r => r.Stage == PlanStage.PostHandled).ToList();
        Assert.Equal(scenario.Posts.Select(p => p.Code.Value).Order(), posts.Select(p => p.Post!).Order());
        Assert.Equal(Enumerable.Range(1, scenario.Posts.Count), posts.Select(p => p.PostsDone).Order());
        Assert.All(reports, r => Assert.Equal(scenario.Posts.Count, r.PostsTotal));
        Assert.Contains(posts, p => p.Searched);
        Assert.Equal(SolveStatus.Optimal, plan.Solver!.Status);
        Assert.Equal(27, plan.Figures.Overall.ScheduledApplicants);
    }

    [Fact]
    public void Plan_TimeLimitPassedOnTheInjectedClock_EveryPostKeepsFirstFitAndTheScheduleVerifies()
    {
        var scenario = Examples.Read(Examples.Tiny);
        var greedy = new MonthlyPlanner().Plan(scenario, new PlanOptions { Solver = SolverKind.Greedy, Workers = 1 });
        var limited = new MonthlyPlanner(new HourPerReadClock()).Plan(scenario,
            new PlanOptions { Workers = 1, TimeLimit = TimeSpan.FromSeconds(10) });

        var unlimited = new MonthlyPlanner().Plan(scenario, new PlanOptions { Workers = 1 });
        Assert.Contains(unlimited.Solver!.Posts, p => p.Source == ScheduleSource.CpSat);
        Assert.All(limited.Solver!.Posts, p => Assert.Equal(ScheduleSource.FirstFit, p.Source));
        Assert.Equal(greedy.Figures.Overall.ScheduledApplicants, limited.Figures.Overall.ScheduledApplicants);
        Assert.Equal(0, limited.Figures.Overall.FifoInversions);
        var folder = Path.Combine(Path.GetTempPath(), "scheduler-planning-tests", Guid.NewGuid().ToString("N"));
        try
        {
            ScheduleWriter.Write(folder, limited.Schedule, limited.Figures, new RunInfo("2026-12", "cpsat", 0, limited.Solver));
            Assert.Empty(ScheduleVerifier.Verify(Examples.Tiny, folder, CancellationToken.None).Violations);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Plan_SameScenarioSeedAndWorkers_GivesTheSameSchedule()
    {
        var scenario = Examples.Read(Examples.Tiny);
        var options = new PlanOptions { Workers = 2, Seed = 7 };
        var one = new MonthlyPlanner().Plan(scenario, options);
        var two = new MonthlyPlanner().Plan(scenario, options);
        Assert.Equal(one.Schedule.Appointments, two.Schedule.Appointments);
        Assert.Equal(one.Schedule.Allocations, two.Schedule.Allocations);
        Assert.Equal(one.Schedule.Unscheduled, two.Schedule.Unscheduled);
    }
}

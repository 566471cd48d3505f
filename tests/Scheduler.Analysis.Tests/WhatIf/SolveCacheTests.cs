using Scheduler.Analysis.Tests.Explain;
using Scheduler.Analysis.WhatIf;
using Scheduler.Files.Input;
using Scheduler.Planning;

namespace Scheduler.Analysis.Tests.WhatIf;

/// <summary>The solve cache kept on disk (<c>--cache</c>): a later process takes the answers, gets the
/// same schedule, and a damaged file costs a search, not a wrong answer.</summary>
public sealed class SolveCacheTests
{
    private static readonly PlanOptions Options = new() { Workers = 2, Seed = 1 };

    [Fact]
    public void ASecondPlanner_TakesEveryAnswerFromTheFolder_AndPlansTheSameMonth()
    {
        var read = ScenarioReader.Read(ExplainFolders.Scenario("small"));
        var folder = Path.Combine(ExplainFolders.NewTemp(), "cache");
        var first = new MonthlyPlanner(TimeProvider.System, new PlanCache(folder)).Plan(read.Scenario!, Options);
        Assert.True(first.PostsSearched > 0);
        Assert.Equal(first.PostsSearched, Directory.EnumerateFiles(folder, "*.solve", SearchOption.AllDirectories).Count());

        var second = new MonthlyPlanner(TimeProvider.System, new PlanCache(folder)).Plan(read.Scenario!, Options);
        Assert.Equal(0, second.PostsSearched);
        Assert.Equal(first.PostsSearched, second.PostsReused);
        Assert.Equal(first.Schedule.Appointments, second.Schedule.Appointments);
        Assert.Equal(first.Schedule.Unscheduled, second.Schedule.Unscheduled);
        Assert.Equal(first.Figures.Overall, second.Figures.Overall);
    }

    [Fact]
    public void ADamagedFile_IsSearchedAgain_AndTheScheduleIsTheSame()
    {
        var read = ScenarioReader.Read(ExplainFolders.Scenario("small"));
        var folder = Path.Combine(ExplainFolders.NewTemp(), "cache");
        var first = new MonthlyPlanner(TimeProvider.System, new PlanCache(folder)).Plan(read.Scenario!, Options);
        var files = Directory.EnumerateFiles(folder, "*.solve", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var bytes = File.ReadAllBytes(files[0]);
        File.WriteAllBytes(files[0], bytes[..(bytes.Length / 2)]);
        File.WriteAllBytes(files[^1], [1, 2, 3]);

        var second = new MonthlyPlanner(TimeProvider.System, new PlanCache(folder)).Plan(read.Scenario!, Options);
        Assert.Equal(files.Count == 1 ? 1 : 2, second.PostsSearched);
        Assert.Equal(first.Schedule.Appointments, second.Schedule.Appointments);
        Assert.Equal(first.Schedule.Unscheduled, second.Schedule.Unscheduled);
    }

    [Fact]
    public void AWhatIfAfterAPlanWithTheCache_SearchesOnlyWhatItsChangeReaches_AndGivesTheColdResult()
    {
        var folder = ExplainFolders.NewTemp();
        var cache = Path.Combine(folder, "cache");
        var small = ExplainFolders.Scenario("small");
        Assert.Equal(0, ExplainFolders.Run("plan", small, "--out", Path.Combine(folder, "plan"), "--cache", cache, "--workers", "1").ExitCode);
        var read = ScenarioReader.Read(small);
        var variants = WhatIfRunner.Prepare(read.Inputs!, [new Variant("more", [ScenarioChange.Parse("post.MNL.capacity=x1.5")])]);
        var warm = new WhatIfRunner(TimeProvider.System, cache).Run(read.Inputs!, read.Scenario!, variants, Options);
        var cold = new WhatIfRunner().Run(read.Inputs!, read.Scenario!, variants, Options);
        // The baseline's posts all come from the folder: what runs is the variant's own searches.
        Assert.Equal(cold.Variants[0].PostsSearched, warm.Baseline.Plan.PostsSearched + warm.Variants[0].Plan.PostsSearched);
        Assert.Equal(cold.Variants[0].Plan.Schedule.Appointments, warm.Variants[0].Plan.Schedule.Appointments);
        Assert.Equal(cold.Baseline.Plan.Schedule.Appointments, warm.Baseline.Plan.Schedule.Appointments);
    }
}

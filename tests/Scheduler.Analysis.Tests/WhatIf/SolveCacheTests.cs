using System.Diagnostics;
using System.Text.Json;
using Scheduler.Analysis.Tests.Explain;
using Scheduler.Cli.Commands;
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
    public void AnswersHandedToAnotherCache_AreTakenForEveryPost_ButADamagedOne_IsSearchedAgain()
    {
        var read = ScenarioReader.Read(ExplainFolders.Scenario("small"));
        var kept = new PlanCache();
        var first = new MonthlyPlanner(TimeProvider.System, kept).Plan(read.Scenario!, Options);
        var answers = kept.Answers(first.SearchKeys);
        Assert.True(first.PostsSearched > 1);
        Assert.Equal(first.PostsSearched, answers.Count);
        Assert.All(answers, a => Assert.Equal(64, a.Fingerprint.Length));

        var whole = new PlanCache();
        Assert.Equal(answers.Count, whole.Give(answers));
        var second = new MonthlyPlanner(TimeProvider.System, whole).Plan(read.Scenario!, Options);
        Assert.Equal(0, second.PostsSearched);
        Assert.Equal(answers.Count, whole.AnswersGiven);
        Assert.Equal(first.Schedule.Appointments, second.Schedule.Appointments);
        Assert.Equal(first.Schedule.Allocations, second.Schedule.Allocations);
        Assert.Equal(first.Schedule.Unscheduled, second.Schedule.Unscheduled);

        var damaged = new PlanCache();
        var cut = answers[0] with { Answer = answers[0].Answer[..(answers[0].Answer.Length / 2)] };
        Assert.Equal(answers.Count - 1, damaged.Give([cut, .. answers.Skip(1)]));
        var third = new MonthlyPlanner(TimeProvider.System, damaged).Plan(read.Scenario!, Options);
        Assert.Equal(1, third.PostsSearched);
        Assert.Equal(first.Schedule.Appointments, third.Schedule.Appointments);
        Assert.Equal(first.Schedule.Unscheduled, third.Schedule.Unscheduled);
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

    [Fact]
    public void ByDefault_APlanKeepsItsAnswersInTheUsersCache_AndAWhatIfAfterIt_SearchesOnlyWhatItsChangeReaches()
    {
        // A user's machine: no SCHEDULER_CACHE, the cache under XDG_CACHE_HOME; real processes, as typed.
        var folder = ExplainFolders.NewTemp();
        var home = Path.Combine(folder, "home");
        var small = ExplainFolders.Scenario("small");
        var plan = Scheduler(home, "plan", small, "--out", Path.Combine(folder, "plan"), "--workers", "1", "--seed", "1");
        Assert.True(plan.ExitCode == 0, plan.Error);
        var solves = Path.Combine(home, "scheduler", "solves");
        var kept = SolveFiles(solves);
        Assert.True(kept > 0, "the plan kept no answers in " + solves);
        Assert.DoesNotContain("taken from the solve cache", plan.Error, StringComparison.Ordinal);

        var warm = Scheduler(home, "whatif", small, "--set", "post.MNL.capacity=x1.5", "--out", Path.Combine(folder, "warm"), "--workers", "1", "--seed", "1");
        Assert.True(warm.ExitCode == 0, warm.Error);
        // Every baseline search came from the plan's answers, and the run says so.
        Assert.Contains($"whatif: {kept:N0} post searches taken from the solve cache {solves} (--no-cache", warm.Error, StringComparison.Ordinal);
        var cold = Scheduler(home, "whatif", small, "--set", "post.MNL.capacity=x1.5", "--out", Path.Combine(folder, "cold"), "--workers", "1", "--seed", "1", "--no-cache");
        Assert.True(cold.ExitCode == 0, cold.Error);
        Assert.DoesNotContain("taken from the solve cache", cold.Error, StringComparison.Ordinal);
        // The variant's own searches were added to the folder (a cold run adds none), and both give the same
        // schedules (diff.json differs only in the runs' elapsed times).
        using var diff = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "cold", "diff.json")));
        var variantSearched = diff.RootElement.GetProperty("variants")[0].GetProperty("run").GetProperty("postsSolved").GetInt32();
        Assert.True(variantSearched > 0);
        Assert.Equal(kept + variantSearched, SolveFiles(solves));
        foreach (var file in new[] { "baseline/schedule/appointments.csv", "variant/schedule/appointments.csv", "variant/schedule/unscheduled.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder, "cold", file)), File.ReadAllText(Path.Combine(folder, "warm", file)));
        }
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "plan", "appointments.csv")), File.ReadAllText(Path.Combine(folder, "warm", "baseline/schedule/appointments.csv")));
    }

    [Fact]
    public void CacheAndNoCache_Together_AreRefused()
    {
        var run = ExplainFolders.Run("plan", ExplainFolders.Tiny, "--out", Path.Combine(ExplainFolders.NewTemp(), "out"),
            "--cache", Path.Combine(ExplainFolders.NewTemp(), "c"), "--no-cache");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cache and --no-cache", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/srv/solves", null, "/home/u", null, false, "/srv/solves")]
    [InlineData("off", "/x", "/home/u", null, false, null)]
    [InlineData("OFF", null, null, null, false, null)]
    [InlineData("", null, "/home/u", null, false, null)]
    [InlineData(null, "/var/cache/u", "/home/u", null, false, "/var/cache/u/scheduler/solves")]
    [InlineData(null, "relative/not/xdg", "/home/u", null, false, "/home/u/.cache/scheduler/solves")]
    [InlineData(null, null, "/home/u", null, false, "/home/u/.cache/scheduler/solves")]
    [InlineData(null, null, null, null, false, null)]
    [InlineData(null, "/var/cache/u", "/home/u", "/appdata/local", true, "/appdata/local/scheduler/solves")]
    [InlineData("/srv/solves", null, null, "/appdata/local", true, "/srv/solves")]
    [InlineData(null, "/var/cache/u", "/home/u", null, true, null)]
    public void TheDefaultFolder_FollowsTheEnvironment(string? variable, string? xdg, string? home, string? localAppData, bool windows, string? expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SCHEDULER_CACHE"] = variable, ["XDG_CACHE_HOME"] = xdg, ["HOME"] = home, ["LOCALAPPDATA"] = localAppData,
        };
        Assert.Equal(expected, SolveCacheInput.DefaultDirectory(name => environment.GetValueOrDefault(name), windows));
    }

    [Fact]
    public void Trim_DeletesTheAnswersUsedLongestAgo_DownToThreeQuartersOfTheLimit()
    {
        var folder = Path.Combine(ExplainFolders.NewTemp(), "cache");
        var now = DateTime.UtcNow;
        var files = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var path = Path.Combine(folder, $"{i:x2}", $"{i:x2}answer.solve");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new byte[1000]);
            // File 0 was used longest ago, file 9 last.
            File.SetLastWriteTimeUtc(path, now.AddMinutes(i - 100));
            files.Add(path);
        }
        var stale = Path.Combine(folder, "00", "00answer.solve.1234.partial");
        File.WriteAllBytes(stale, new byte[10]);
        File.SetLastWriteTimeUtc(stale, now.AddHours(-2));
        var writing = Path.Combine(folder, "01", "01answer.solve.5678.partial");
        File.WriteAllBytes(writing, new byte[10]);

        var cache = new PlanCache(folder);
        // Within the limit: only the file a dead process left half-written over an hour ago goes.
        Assert.Equal(1, cache.Trim(10_000));
        Assert.All(files, f => Assert.True(File.Exists(f)));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(writing));

        // Over 5,000 bytes: the oldest go until at most 3,750 are left.
        Assert.Equal(7, cache.Trim(5_000));
        Assert.Equal(files.Select((f, i) => i >= 7).ToList(), files.Select(File.Exists).ToList());
        Assert.True(File.Exists(writing));
        Assert.Equal(0, new PlanCache(Path.Combine(folder, "none")).Trim(0));
        Assert.Equal(0, new PlanCache().Trim(0));
    }

    private static int SolveFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.solve", SearchOption.AllDirectories).Count() : 0;

    /// <summary>The CLI as a separate process with <paramref name="home"/> as the user's home and cache home.</summary>
    private static (int ExitCode, string Output, string Error) Scheduler(string home, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Scheduler.Cli.Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("SCHEDULER_CACHE");
        start.Environment["HOME"] = home;
        start.Environment["XDG_CACHE_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error);
    }
}

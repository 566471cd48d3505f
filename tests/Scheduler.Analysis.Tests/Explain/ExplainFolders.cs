using Scheduler.Analysis.Tests.Support;
using Scheduler.Analysis.Explain;
using Scheduler.Cli;
using Scheduler.Files.Input;
using Scheduler.Sampling;

namespace Scheduler.Analysis.Tests.Explain;

/// <summary>The scenarios the explain tests use, each planned once per test run: the spec's tiny
/// example (tests/examples/tiny) and a small sample (seed 1), with either solver.</summary>
internal static class ExplainFolders
{
    private static readonly Lazy<string> Small = new(() =>
    {
        var folder = Path.Combine(AnalysisFolders.NewTemp(), "small");
        Directory.CreateDirectory(folder);
        SampleGenerator.Write(SampleProfile.Small, 1, folder);
        return folder;
    });

    private static readonly Dictionary<(string, string), Lazy<string>> Plans = new()
    {
        [("tiny", "greedy")] = new(() => Plan(Tiny, "greedy")),
        [("tiny", "cpsat")] = new(() => Plan(Tiny, "cpsat")),
        [("small", "greedy")] = new(() => Plan(Small.Value, "greedy")),
        [("small", "cpsat")] = new(() => Plan(Small.Value, "cpsat")),
    };

    /// <summary>The spec's hand-worked tiny scenario.</summary>
    public static string Tiny => AnalysisFolders.Tiny;

    /// <summary>The scenario folder of <paramref name="name"/> (<c>tiny</c> or <c>small</c>).</summary>
    public static string Scenario(string name) => name == "tiny" ? Tiny : Small.Value;

    /// <summary>The schedule folder of a scenario planned by a solver (planned on first use).</summary>
    public static string Schedule(string scenario, string solver) => Plans[(scenario, solver)].Value;

    /// <summary>An explainer of a planned schedule, read back from its files.</summary>
    public static CaseExplainer Explainer(string scenario, string solver)
    {
        var read = ScenarioReader.Read(Scenario(scenario));
        var schedule = ScheduleReader.Read(Schedule(scenario, solver));
        Assert.True(read.Succeeded);
        Assert.True(schedule.Succeeded);
        return new CaseExplainer(read.Scenario!, schedule.Schedule!);
    }

    /// <summary>A new empty folder.</summary>
    public static string NewTemp() => AnalysisFolders.NewTemp();

    /// <summary>Runs the CLI in-process and captures its output.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => AnalysisFolders.Cli(args);

    private static string Plan(string scenario, string solver)
    {
        var folder = Path.Combine(AnalysisFolders.NewTemp(), $"{Path.GetFileName(scenario)}-{solver}");
        var run = Run("plan", scenario, "--out", folder, "--solver", solver, "--workers", "1", "--seed", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        return folder;
    }
}

using Scheduler.Analysis.Explain;
using Scheduler.Cli;
using Scheduler.Files.Input;
using Scheduler.Sampling;

namespace Scheduler.Analysis.Tests.Explain;

/// <summary>The scenarios the explain tests use, each planned once per test run: the spec's tiny
/// example (tests/examples/tiny) and a small sample (seed 1), with either solver.</summary>
internal static class ExplainFolders
{
    /// <summary>This run's folder. The test host may end before exit handlers run, so each run
    /// removes what runs over an hour old left behind.</summary>
    private static readonly Lazy<string> Root = new(() =>
    {
        var all = Path.Combine(Path.GetTempPath(), "scheduler-explain-tests");
        if (Directory.Exists(all))
        {
            foreach (var stale in new DirectoryInfo(all).EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            {
                try
                {
                    stale.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // Still in use by another run: the next one will take it.
                }
            }
        }
        var root = Path.Combine(all, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    });

    private static readonly Lazy<string> Small = new(() =>
    {
        var folder = Path.Combine(Root.Value, "small");
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
    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

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
    public static string NewTemp()
    {
        var path = Path.Combine(Root.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs the CLI in-process and captures its output.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Plan(string scenario, string solver)
    {
        var folder = Path.Combine(Root.Value, $"{Path.GetFileName(scenario)}-{solver}");
        var run = Run("plan", scenario, "--out", folder, "--solver", solver, "--workers", "1", "--seed", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        return folder;
    }

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test binaries");
        }
    }
}

using System.Text;
using Scheduler.Tests.Shared;

namespace Scheduler.Analysis.Tests.Support;

/// <summary>Temporary folders, the spec's tiny example, and the CLI run in-process, for every test of
/// this project.</summary>
internal static class AnalysisFolders
{
    /// <summary>This run's folder.</summary>
    private static readonly Lazy<string> Root = new(() => TestRun.NewRoot("scheduler-analysis-tests"));

    public static string RepositoryRoot => TestRun.RepositoryRoot;

    /// <summary>The spec's hand-worked example (a copy kept in tests/examples).</summary>
    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    /// <summary>A new empty folder under this run's folder.</summary>
    public static string NewTemp() => TestRun.NewFolder(Root.Value);

    /// <summary>A writable copy of a folder's files.</summary>
    public static string CopyOf(string folder) => TestRun.CopyFiles(folder, NewTemp());

    public static void Write(string folder, string name, string content) =>
        File.WriteAllText(Path.Combine(folder, name), content, new UTF8Encoding(false));

    public static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Scheduler.Cli.Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The tiny example planned (first fit unless told) into a new folder; returns that folder.</summary>
    public static string PlanTiny(string solver = "greedy")
    {
        var output = Path.Combine(NewTemp(), "out");
        var (code, _, error) = Cli("plan", Tiny, "--out", output, "--solver", solver, "--seed", "1", "--workers", "1");
        Assert.True(code == 0, error);
        return output;
    }
}

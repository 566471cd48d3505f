using Scheduler.Tests.Shared;

namespace Scheduler.Cli.Tests;

/// <summary>Temporary folders and the shared examples.</summary>
internal static class TestFolders
{
    /// <summary>The spec's hand-worked <c>tiny</c> scenario: a copy of ../shared/spec/examples/tiny kept
    /// in tests/examples so that a clone alone runs the tests.</summary>
    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    /// <summary>The repository root (the folder holding Scheduler.sln).</summary>
    public static string RepositoryRoot => TestRun.RepositoryRoot;

    /// <summary>This test run's folder under the system temp folder.</summary>
    private static readonly Lazy<string> RunRoot = new(() => TestRun.NewRoot("scheduler-tests"));

    /// <summary>A new empty folder in this run's temporary folder.</summary>
    public static string NewTemp() => TestRun.NewFolder(RunRoot.Value);

    /// <summary>A writable copy of a scenario folder.</summary>
    public static string CopyOf(string scenario) => TestRun.CopyFiles(scenario, NewTemp());

    /// <summary>Rewrites one file of a folder; the edit must change it (a test that edits nothing tests nothing).</summary>
    public static void Edit(string folder, string file, Func<string, string> edit)
    {
        var path = Path.Combine(folder, file);
        var before = File.ReadAllText(path);
        var after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    /// <summary>Runs the CLI in-process and captures its output.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

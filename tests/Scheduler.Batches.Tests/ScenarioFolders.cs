using System.Text;
using Scheduler.Tests.Shared;

namespace Scheduler.Batches.Tests;

/// <summary>Scenario folders written by the tests, and the CLI run in-process.</summary>
internal static class ScenarioFolders
{
    // This run's folders; what runs over an hour old left is removed (see TestRun.NewRoot).
    private static readonly string Root = TestRun.NewRoot("scheduler-batches-tests");

    public static string NewTemp() => TestRun.NewFolder(Root);

    public static string Write(params (string Name, string Content)[] files)
    {
        var folder = NewTemp();
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), content, new UTF8Encoding(false));
        }
        return folder;
    }

    public static string RepositoryRoot => TestRun.RepositoryRoot;

    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    public static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Scheduler.Cli.Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

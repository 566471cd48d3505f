using System.Text;

namespace Scheduler.Batches.Tests;

/// <summary>Scenario folders written by the tests, and the CLI run in-process.</summary>
internal static class ScenarioFolders
{
    public static string NewTemp()
    {
        var path = Path.Combine(Path.GetTempPath(), "scheduler-batches-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string Write(params (string Name, string Content)[] files)
    {
        var folder = NewTemp();
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), content, new UTF8Encoding(false));
        }
        return folder;
    }

    public static string RepositoryRoot
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

    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    public static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Scheduler.Cli.Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

using System.Text;

namespace Scheduler.Analysis.Tests.Support;

/// <summary>Temporary folders, the spec's tiny example, and the CLI run in-process, for every test of
/// this project.</summary>
internal static class AnalysisFolders
{
    /// <summary>This run's folder. The test host may end before exit handlers run, so each run removes
    /// what runs over an hour old left behind.</summary>
    private static readonly Lazy<string> Root = new(() =>
    {
        var all = Path.Combine(Path.GetTempPath(), "scheduler-analysis-tests");
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
        var root = Path.Combine(all, "run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    });

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

    /// <summary>The spec's hand-worked example (a copy kept in tests/examples).</summary>
    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    /// <summary>A new empty folder under this run's folder.</summary>
    public static string NewTemp()
    {
        var path = Path.Combine(Root.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A writable copy of a folder's files.</summary>
    public static string CopyOf(string folder)
    {
        var copy = NewTemp();
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }

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

namespace Scheduler.Cli.Tests;

/// <summary>Temporary folders and the shared examples.</summary>
internal static class TestFolders
{
    /// <summary>The spec's hand-worked <c>tiny</c> scenario: a copy of ../shared/spec/examples/tiny kept
    /// in tests/examples so that a clone alone runs the tests.</summary>
    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    /// <summary>The repository root (the folder holding Scheduler.sln).</summary>
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

    /// <summary>This test run's folder under the system temp folder. The test host is often ended
    /// before exit handlers run, so each run removes what runs over an hour old left behind.</summary>
    private static readonly Lazy<string> RunRoot = new(() =>
    {
        var all = Path.Combine(Path.GetTempPath(), "scheduler-tests");
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

    /// <summary>A new empty folder in this run's temporary folder.</summary>
    public static string NewTemp()
    {
        var path = Path.Combine(RunRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A writable copy of a scenario folder.</summary>
    public static string CopyOf(string scenario)
    {
        var copy = NewTemp();
        foreach (var file in Directory.GetFiles(scenario))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }

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

namespace Scheduler.Tests.Shared;

/// <summary>What every test project needs of the file system: the repository root, and a folder of this
/// test run under the system temp folder (compiled into each test project that links this file).</summary>
internal static class TestRun
{
    /// <summary>No test reads or fills the user's solve cache (<c>plan</c> and <c>whatif</c> keep one by
    /// default): a test's searches run as they would on a fresh machine, whatever ran before. Set when
    /// the test assembly loads, so the commands run in the test's process and the processes it starts
    /// see it; tests of the cache give their own folder.</summary>
#pragma warning disable CA2255 // a test assembly, not a library: this is what module initializers are for
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void WithoutTheUsersSolveCache() => Environment.SetEnvironmentVariable("SCHEDULER_CACHE", "off");

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

    /// <summary>A new folder for this run under <c>TEMP/<paramref name="project"/></c>. The test host is
    /// often ended before exit handlers run, so this removes what runs over an hour old left there.</summary>
    public static string NewRoot(string project)
    {
        var all = Path.Combine(Path.GetTempPath(), project);
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
    }

    /// <summary>A new empty folder under <paramref name="root"/>.</summary>
    public static string NewFolder(string root)
    {
        var path = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A copy of <paramref name="folder"/>'s files in <paramref name="copy"/>; returns <paramref name="copy"/>.</summary>
    public static string CopyFiles(string folder, string copy)
    {
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }
}

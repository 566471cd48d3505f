namespace Scheduler.Sampling.Tests;

/// <summary>Empty temp folders for samples, removed when the test run ends.</summary>
internal static class TempFolders
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"sampling-tests-{Environment.ProcessId}");

    static TempFolders() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    };

    public static string New()
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a sample into a new folder and returns the folder.</summary>
    public static string Write(SampleProfile profile, int seed)
    {
        var path = New();
        SampleGenerator.Write(profile, seed, path);
        return path;
    }
}

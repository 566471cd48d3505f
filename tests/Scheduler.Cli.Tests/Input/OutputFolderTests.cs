using Scheduler.Tests.Shared;

namespace Scheduler.Cli.Tests.Input;

/// <summary><c>--out</c> replaces a previous output of the same kind, all at once, and nothing else:
/// pointed at the scenario, at a folder holding other files or folders, or at a file, the run is
/// refused before it starts (exit 2) and nothing is touched.</summary>
public class OutputFolderTests
{
    private static string[] Snapshot(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [Fact]
    public void Plan_OutIsThePreviousSchedule_IsReplaced()
    {
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir, "--solver", "greedy").ExitCode);
        File.WriteAllText(Path.Combine(outDir, "numbers.csv"), "category,chargeability,available\n");
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir).ExitCode);
        Assert.False(File.Exists(Path.Combine(outDir, "numbers.csv")));   // the whole folder is the new run's
        Assert.Equal(0, TestFolders.Run("verify", TestFolders.Tiny, outDir).ExitCode);
    }

    [Fact]
    public void Plan_OutIsAnEmptyFolder_IsUsed()
    {
        var outDir = TestFolders.NewTemp();
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir, "--solver", "greedy").ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "appointments.csv")));
    }

    [Fact]
    public void Plan_OutIsTheScenario_IsRefusedAndNothingTouched()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        var before = Snapshot(scenario);
        var (code, _, error) = TestFolders.Run("plan", scenario, "--out", scenario, "--solver", "greedy");
        Assert.Equal(2, code);
        Assert.Contains("will not replace a folder that holds other things (EXPECTED.md, applicants.csv, bulletin.csv, ...)", error);
        Assert.Equal(before, Snapshot(scenario));
    }

    [Fact]
    public void Plan_OutHoldsAFolder_IsRefusedAndNothingTouched()
    {
        var parent = TestFolders.NewTemp();
        var scenario = Path.Combine(parent, "scenario");
        TestRun.CopyFiles(TestFolders.Tiny, Directory.CreateDirectory(scenario).FullName);
        File.WriteAllText(Path.Combine(parent, "summary.json"), "{}");
        var before = Snapshot(parent);
        var (code, _, error) = TestFolders.Run("plan", scenario, "--out", parent, "--solver", "greedy");
        Assert.Equal(2, code);
        Assert.Contains("(scenario)", error);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public void Plan_OutIsAFile_IsRefused()
    {
        var file = Path.Combine(TestFolders.NewTemp(), "notes.txt");
        File.WriteAllText(file, "keep me");
        var (code, _, error) = TestFolders.Run("plan", TestFolders.Tiny, "--out", file, "--solver", "greedy");
        Assert.Equal(2, code);
        Assert.Contains("a file, not a folder", error);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Sample_OutHoldsOtherFiles_IsRefused_ButAPreviousSampleIsReplaced()
    {
        var folder = TestFolders.NewTemp();
        File.WriteAllText(Path.Combine(folder, "thesis.docx"), "keep me");
        var refused = TestFolders.Run("sample", "--profile", "tiny", "--seed", "1", "--out", folder);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(folder, "thesis.docx")));

        var sample = Path.Combine(TestFolders.NewTemp(), "sample");
        Assert.Equal(0, TestFolders.Run("sample", "--profile", "tiny", "--seed", "1", "--out", sample).ExitCode);
        Assert.Equal(0, TestFolders.Run("sample", "--profile", "tiny", "--seed", "2", "--out", sample).ExitCode);
    }
}

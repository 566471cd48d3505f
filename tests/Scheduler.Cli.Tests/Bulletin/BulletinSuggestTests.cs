namespace Scheduler.Cli.Tests.Bulletin;

/// <summary><c>bulletin suggest</c> on the spec's hand-worked example, and <c>bench</c>.</summary>
public class BulletinSuggestTests
{
    [Fact]
    public void Suggest_Tiny_DatesWorkedOutByHand()
    {
        // F4 MX has 4 numbers: C-08 (PD 2000-01-01, 2 traveling) fits, C-02 (2001-04-29, 3) would
        // make 5, so the date is 2001-04-29. F4 PH has 3: M-02 (2004-06-01, 2) fits, M-01
        // (2005-12-31, 2) would make 4: 2005-12-31. F4 ALL has no demand: C. F1 etc. are not capped: C.
        var file = Path.Combine(TestFolders.NewTemp(), "bulletin.csv");
        var run = TestFolders.Run("bulletin", "suggest", TestFolders.Tiny, "--out", file);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(file);
        Assert.Equal("category,chargeability,final_action", lines[0]);
        Assert.Contains("F4,MX,2001-04-29", lines);
        Assert.Contains("F4,PH,2005-12-31", lines);
        Assert.Contains("F4,ALL,C", lines);
        Assert.Contains("F1,ALL,C", lines);
        Assert.Contains("EB3,ALL,C", lines);
    }

    [Fact]
    public void Suggest_MissingScenario_ExitCode2()
    {
        var run = TestFolders.Run("bulletin", "suggest", Path.Combine(TestFolders.NewTemp(), "none"), "--out", Path.Combine(TestFolders.NewTemp(), "b.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scenario folder not found", run.Error);
    }

    [Fact]
    public void Bench_Tiny_PrintsBothSolversSideBySide()
    {
        var run = TestFolders.Run("bench", "--profile", "tiny", "--seed", "4", "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var row in new[] { "wall time (ms)", "peak memory (MB)", "seated applicants", "utilization (%)", "mix deviation", "FIFO inversions", "gap (seats)" })
        {
            Assert.Contains(row, run.Output);
        }
        var seated = run.Output.Split('\n').Single(l => l.StartsWith("seated applicants", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // first fit, cpsat, ratio: CP-SAT never seats fewer.
        Assert.True(double.Parse(seated[^2], System.Globalization.CultureInfo.InvariantCulture) >= double.Parse(seated[^3], System.Globalization.CultureInfo.InvariantCulture));
    }
}

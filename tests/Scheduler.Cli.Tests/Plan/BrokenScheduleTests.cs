namespace Scheduler.Cli.Tests.Plan;

/// <summary><c>verify</c> catches schedules broken on purpose.</summary>
public class BrokenScheduleTests
{
    private static (int Code, string Output) VerifyAfter(Action<string> breakIt)
    {
        var outDir = Path.Combine(TestFolders.NewTemp(), "tiny");
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir, "--solver", "greedy").ExitCode);
        breakIt(outDir);
        var (code, output, _) = TestFolders.Run("verify", TestFolders.Tiny, outDir);
        return (code, output);
    }


    [Fact]
    public void Verify_OverfullSession_Fails() =>
        // C-01 (2 applicants) moved into C-11's full Dec 28 session at CDJ.
        Assert.Equal(1, VerifyAfter(o => TestFolders.Edit(o, "appointments.csv", t => t.Replace("C-01,CDJ,2026-12-30", "C-01,CDJ,2026-12-28"))).Code);

    [Fact]
    public void Verify_SplitFamily_Fails() =>
        Assert.Equal(1, VerifyAfter(o => TestFolders.Edit(o, "appointments.csv", t => t.Replace("C-13,CDJ,2026-12-31,07:30,3", "C-13,CDJ,2026-12-31,07:30,2"))).Code);

    [Fact]
    public void Verify_WeekendDate_Fails() =>
        Assert.Equal(1, VerifyAfter(o => TestFolders.Edit(o, "appointments.csv", t => t.Replace("M-09,MNL,2026-12-22", "M-09,MNL,2026-12-26"))).Code);

    [Fact]
    public void Verify_MissingNumber_Fails() =>
        Assert.Equal(1, VerifyAfter(o => TestFolders.Edit(o, "allocations.csv", t => t.Replace("C-08-2,C-08,F4,MX\n", ""))).Code);

    [Fact]
    public void Verify_QueueInversion_Fails() =>
        // M-09 (earlier in MNL's IR queue) left out while M-10, as large, keeps its seat.
        Assert.Equal(1, VerifyAfter(o =>
        {
            TestFolders.Edit(o, "appointments.csv", t => t.Replace("M-09,MNL,2026-12-22,07:30,1\n", ""));
            TestFolders.Edit(o, "unscheduled.csv", t => t + "M-09,NO_CAPACITY\n");
        }).Code);

    [Fact]
    public void Verify_WrongReason_Fails() =>
        Assert.Equal(1, VerifyAfter(o => TestFolders.Edit(o, "unscheduled.csv", t => t.Replace("M-06,MIX_LIMIT", "M-06,NO_CAPACITY"))).Code);

    [Fact]
    public void Verify_MissingFileInSchedule_Fails() =>
        Assert.Equal(1, VerifyAfter(o => File.Delete(Path.Combine(o, "unscheduled.csv"))).Code);

    [Fact]
    public void Verify_NoScheduleFolder_IsBadInput()
    {
        var (code, _, error) = TestFolders.Run("verify", TestFolders.Tiny, Path.Combine(TestFolders.NewTemp(), "missing"));
        Assert.Equal(2, code);
        Assert.Contains("schedule folder not found", error);
    }

    [Theory]
    [InlineData("\"mixDeviation\": ", "\"mixDeviation\": 1")]
    [InlineData("\"interviewByMisses\": ", "\"interviewByMisses\": 9")]
    [InlineData("\"utilization\": ", "\"utilization\": 1")]
    [InlineData("\"allocated\": ", "\"allocated\": 1")]
    [InlineData("\"NO_CAPACITY\": ", "\"NO_CAPACITY\": 1")]
    public void Verify_SummaryFigureChanged_Fails(string figure, string changed)
    {
        var (code, output) = VerifyAfter(o => TestFolders.Edit(o, "summary.json", t =>
        {
            var at = t.LastIndexOf(figure, StringComparison.Ordinal);
            return t[..at] + changed + t[at..].Replace(figure, "", StringComparison.Ordinal);
        }));
        Assert.Equal(1, code);
        Assert.Contains("SUMMARY", output);
    }

    [Fact]
    public void Verify_BoundBelowTheSeatedApplicants_Fails()
    {
        var outDir = Path.Combine(TestFolders.NewTemp(), "tiny");
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir).ExitCode);
        TestFolders.Edit(outDir, "summary.json", t => t.Replace("\"bestBound\": 27", "\"bestBound\": 26"));
        var (code, output, _) = TestFolders.Run("verify", TestFolders.Tiny, outDir);
        Assert.Equal(1, code);
        Assert.Contains("bestBound is 26, below the 27 applicants seated", output);
    }
}

using System.Text.Json;

namespace Scheduler.Cli.Tests.Plan;

/// <summary>For many seeds: <c>sample</c>, then <c>plan --solver greedy</c>, then <c>verify</c> finds nothing.</summary>
public class SamplePlanVerifyPropertyTests
{
    public static TheoryData<string, int> Seeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var seed in Enumerable.Range(1, 25))
        {
            data.Add("tiny", seed);
        }
        foreach (var seed in new[] { 1, 2, 3, 7, 11, 42, 99, 2026 })
        {
            data.Add("small", seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SamplePlanVerify_AnySeed_ScheduleKeepsEveryRule(string profile, int seed)
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        var schedule = Path.Combine(root, "schedule");
        Assert.Equal(0, TestFolders.Run("sample", "--profile", profile, "--seed", seed.ToString(), "--out", scenario).ExitCode);
        var plan = TestFolders.Run("plan", scenario, "--out", schedule, "--solver", "greedy", "--workers", "2");
        Assert.True(plan.ExitCode == 0, plan.Error);
        var verify = TestFolders.Run("verify", scenario, schedule);
        Assert.True(verify.ExitCode == 0, verify.Output);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(schedule, "summary.json")));
        Assert.Equal(0, summary.RootElement.GetProperty("fifoInversions").GetInt32());
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Sample_SameSeed_SameFiles()
    {
        var a = Path.Combine(TestFolders.NewTemp(), "a");
        var b = Path.Combine(TestFolders.NewTemp(), "b");
        TestFolders.Run("sample", "--profile", "small", "--seed", "5", "--out", a);
        TestFolders.Run("sample", "--profile", "small", "--seed", "5", "--out", b);
        foreach (var file in Directory.GetFiles(a))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(b, Path.GetFileName(file))));
        }
    }

    [Fact]
    public void Plan_SameInputs_SameOutputWhateverTheWorkers()
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        TestFolders.Run("sample", "--profile", "small", "--seed", "8", "--out", scenario);
        TestFolders.Run("plan", scenario, "--out", Path.Combine(root, "one"), "--solver", "greedy", "--workers", "1");
        TestFolders.Run("plan", scenario, "--out", Path.Combine(root, "two"), "--solver", "greedy", "--workers", "2");
        foreach (var file in new[] { "appointments.csv", "allocations.csv", "unscheduled.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(root, "one", file)), File.ReadAllText(Path.Combine(root, "two", file)));
        }
    }
}

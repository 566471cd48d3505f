using System.Text.Json;

namespace Scheduler.Cli.Tests.Bulletin;

/// <summary>Pools derived from <c>limits.csv</c> and <c>usage.csv</c>, and <c>bulletin suggest</c>
/// followed by <c>plan</c>, end to end.</summary>
public class NumbersDerivationTests
{
    public static TheoryData<int> Seeds() => [1, 2, 5, 9];

    /// <summary>A small sample whose numbers come from the Act: numbers.csv removed, a usage.csv that
    /// has spent most of the quarter in some categories and made Mexico and India oversubscribed.</summary>
    private static string DerivedScenario(int seed)
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        Assert.Equal(0, TestFolders.Run("sample", "--profile", "small", "--seed", seed.ToString(), "--out", scenario).ExitCode);
        File.Delete(Path.Combine(scenario, "numbers.csv"));
        File.WriteAllText(Path.Combine(scenario, "usage.csv"),
            "month,category,chargeability,used\n" +
            "2026-10,F4,MX,20000\n2026-10,F2A,MX,6000\n2026-11,EB2,IN,26000\n" +
            "2026-10,F1,ALL,6300\n2026-11,F3,ALL,6310\n2026-10,EB3,ALL,10800\n");
        File.WriteAllText(Path.Combine(scenario, "limits.csv"),
            "fiscal_year,category,annual_limit\n2027,FAMILY,226000\n2027,EMPLOYMENT,140000\n2026,FAMILY,300000\n");
        return scenario;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SuggestThenPlan_NeverAllocatesBeyondAPool_AndVerifies(int seed)
    {
        var scenario = DerivedScenario(seed);
        var suggested = Path.Combine(scenario, "..", "suggested.csv");
        var suggest = TestFolders.Run("bulletin", "suggest", scenario, "--out", suggested);
        Assert.True(suggest.ExitCode == 0, suggest.Error);
        Assert.Contains("oversubscribed: IN, MX", suggest.Output);
        File.Copy(suggested, Path.Combine(scenario, "bulletin.csv"), overwrite: true);

        var schedule = Path.Combine(scenario, "..", "schedule");
        var plan = TestFolders.Run("plan", scenario, "--out", schedule);
        Assert.True(plan.ExitCode == 0, plan.Error);
        var verify = TestFolders.Run("verify", scenario, schedule);
        Assert.True(verify.ExitCode == 0, verify.Output);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(schedule, "summary.json")));
        var pools = summary.RootElement.GetProperty("numbers").EnumerateArray().ToList();
        Assert.NotEmpty(pools);
        var written = File.ReadAllLines(Path.Combine(schedule, "numbers.csv")).Skip(1).ToList();
        Assert.Equal(written.Count, pools.Count);
        foreach (var pool in pools)
        {
            var available = pool.GetProperty("available").GetInt32();
            var allocated = pool.GetProperty("allocated").GetInt32();
            Assert.InRange(allocated, 0, available);
            Assert.Equal(available - allocated, pool.GetProperty("left").GetInt32());
            Assert.Contains($"{pool.GetProperty("category").GetString()},{pool.GetProperty("chargeability").GetString()},{available}", written);
        }
        var allocations = File.ReadAllLines(Path.Combine(schedule, "allocations.csv")).Length - 1;
        Assert.Equal(allocations, pools.Sum(p => p.GetProperty("allocated").GetInt32()));

        // U only where a pool has no number (the dates themselves are checked by the law tests).
        foreach (var line in File.ReadAllLines(suggested).Skip(1).Where(l => l.EndsWith(",U", StringComparison.Ordinal)))
        {
            var parts = line.Split(',');
            Assert.Contains(pools, p => p.GetProperty("category").GetString() == parts[0]
                && p.GetProperty("chargeability").GetString() == parts[1] && p.GetProperty("available").GetInt32() == 0);
        }
    }

    [Fact]
    public void Derive_NumbersCsvPresent_WinsOverLimitsAndUsage()
    {
        var root = TestFolders.NewTemp();
        var scenario = Path.Combine(root, "scenario");
        TestFolders.Run("sample", "--profile", "small", "--seed", "3", "--out", scenario);
        File.WriteAllText(Path.Combine(scenario, "usage.csv"), "month,category,chargeability,used\n2026-10,F4,MX,20000\n");
        var schedule = Path.Combine(root, "schedule");
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", schedule, "--solver", "greedy").ExitCode);
        Assert.False(File.Exists(Path.Combine(schedule, "numbers.csv")));
        var numbers = File.ReadAllLines(Path.Combine(scenario, "numbers.csv")).Length - 1;
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(schedule, "summary.json")));
        Assert.Equal(numbers, summary.RootElement.GetProperty("numbers").GetArrayLength());
    }

    [Fact]
    public void BadLimitsOrUsage_ExitCode2_FileLineField_NothingWritten()
    {
        var scenario = DerivedScenario(1);
        File.WriteAllText(Path.Combine(scenario, "limits.csv"), "fiscal_year,category,annual_limit\n2027,F9,100\nyear,F1,-5\n");
        File.WriteAllText(Path.Combine(scenario, "usage.csv"), "month,category,chargeability,used\n2026-13,F1,ALL,5\n2026-10,IR,ALL,5\n2026-10,F1,Mexico,x\n");
        var schedule = Path.Combine(scenario, "..", "schedule");
        var plan = TestFolders.Run("plan", scenario, "--out", schedule);
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("limits.csv:2: category", plan.Error);
        Assert.Contains("limits.csv:3: fiscal_year", plan.Error);
        Assert.Contains("limits.csv:3: annual_limit", plan.Error);
        Assert.Contains("usage.csv:2: month", plan.Error);
        Assert.Contains("usage.csv:3: category", plan.Error);
        Assert.Contains("usage.csv:4: chargeability", plan.Error);
        Assert.Contains("usage.csv:4: used", plan.Error);
        Assert.False(Directory.Exists(schedule));
        var suggest = TestFolders.Run("bulletin", "suggest", scenario, "--out", Path.Combine(scenario, "..", "s.csv"));
        Assert.Equal(2, suggest.ExitCode);
        Assert.False(File.Exists(Path.Combine(scenario, "..", "s.csv")));
    }
}

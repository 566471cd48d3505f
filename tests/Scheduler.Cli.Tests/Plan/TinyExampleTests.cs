using System.Text.Json;

namespace Scheduler.Cli.Tests.Plan;

/// <summary>The spec's hand-worked <c>tiny</c> example and its EXPECTED.md, end to end through the CLI.</summary>
public class TinyExampleTests
{
    private static readonly Lazy<string> Output = new(() =>
    {
        var outDir = Path.Combine(TestFolders.NewTemp(), "tiny");
        var (code, _, error) = TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir, "--solver", "greedy");
        Assert.True(code == 0, error);
        return outDir;
    });

    private static Dictionary<string, string[]> Appointments() => File.ReadAllLines(Path.Combine(Output.Value, "appointments.csv"))
        .Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);

    private static Dictionary<string, string> Reasons() => File.ReadAllLines(Path.Combine(Output.Value, "unscheduled.csv"))
        .Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);

    [Theory]
    [InlineData("C-03", "NOT_CURRENT")]
    [InlineData("C-05", "NOT_QUALIFIED")]
    [InlineData("C-06", "NOT_QUALIFIED")]
    [InlineData("C-07", "NO_TRAVELING_APPLICANTS")]
    [InlineData("C-09", "DOCUMENTS_EXPIRE")]
    [InlineData("C-10", "NO_CAPACITY")]
    [InlineData("M-01", "NO_NUMBERS")]
    [InlineData("M-03", "NOT_CURRENT")]
    [InlineData("M-06", "MIX_LIMIT")]
    [InlineData("A-02", "NO_POST")]
    [InlineData("A-05", "NOT_CURRENT")]
    public void Plan_Tiny_UnscheduledWithExpectedReason(string caseId, string reason) => Assert.Equal(reason, Reasons()[caseId]);

    [Theory]
    [InlineData("C-11", "CDJ")]
    [InlineData("C-01", "CDJ")]
    [InlineData("C-13", "CDJ")]
    [InlineData("M-10", "MNL")]
    [InlineData("A-01", "ABD")]
    [InlineData("A-03", "ABD")]
    public void Plan_Tiny_ScheduledAtExpectedPost(string caseId, string post) => Assert.Equal(post, Appointments()[caseId][1]);

    [Theory]
    [InlineData("C-12")]
    [InlineData("A-04")]
    public void Plan_Tiny_DeadlineCasesOnDec28Or29(string caseId) =>
        Assert.Contains(Appointments()[caseId][2], new[] { "2026-12-28", "2026-12-29" });

    [Fact]
    public void Plan_Tiny_C02NeverTakesNumbersBeforeC08()
    {
        Assert.False(Appointments().ContainsKey("C-02"));
        Assert.True(Appointments().ContainsKey("C-04") ^ Appointments().ContainsKey("C-08"));
    }

    [Fact]
    public void Plan_Tiny_EveryCaseExactlyOnce()
    {
        var ids = Appointments().Keys.Concat(Reasons().Keys).Order().ToArray();
        var cases = File.ReadAllLines(Path.Combine(TestFolders.Tiny, "cases.csv")).Skip(1).Select(l => l.Split(',')[0]).Order().ToArray();
        Assert.Equal(cases, ids);
    }

    [Fact]
    public void Plan_Tiny_SummaryHasNoInversionAndAtLeastFirstFitSeats()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output.Value, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(0, root.GetProperty("fifoInversions").GetInt32());
        Assert.InRange(root.GetProperty("scheduledApplicants").GetInt32(), 26, 27);
        Assert.Equal(44, root.GetProperty("capacity").GetInt32());
        Assert.Equal(3, root.GetProperty("posts").GetArrayLength());
        Assert.Equal("2026-12", root.GetProperty("month").GetString());
    }

    [Fact]
    public void Verify_TinyPlan_Passes()
    {
        var (code, output, _) = TestFolders.Run("verify", TestFolders.Tiny, Output.Value);
        Assert.True(code == 0, output);
    }
}

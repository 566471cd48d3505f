namespace Scheduler.Cli.Tests.Plan;

/// <summary>Ids are written back as they were read: one holding a comma or a quote is quoted
/// (RFC 4180), and one that a spreadsheet would take for a formula is not altered.</summary>
public class OutputQuotingTests
{
    [Theory]
    [InlineData("greedy")]
    [InlineData("cpsat")]
    public void Plan_IdsWithCommasQuotesAndFormulaSigns_RoundTripAndVerify(string solver)
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        TestFolders.Edit(scenario, "cases.csv", t => t.Replace("\nC-01,", "\n\"C,01\",").Replace("\nC-13,", "\n=C-13,"));
        TestFolders.Edit(scenario, "applicants.csv", t => t
            .Replace("C-01-1,C-01,", "\"C-01 \"\"one\"\"\",\"C,01\",")
            .Replace("C-01-2,C-01,", "-C-01-2,\"C,01\",")
            .Replace(",C-13,", ",=C-13,"));
        var schedule = Path.Combine(TestFolders.NewTemp(), "out");
        var plan = TestFolders.Run("plan", scenario, "--out", schedule, "--solver", solver);
        Assert.True(plan.ExitCode == 0, plan.Error);
        var verify = TestFolders.Run("verify", scenario, schedule);
        Assert.True(verify.ExitCode == 0, verify.Output);

        var appointments = File.ReadAllLines(Path.Combine(schedule, "appointments.csv"));
        Assert.Single(appointments, l => l.StartsWith("\"C,01\",CDJ,", StringComparison.Ordinal));
        Assert.Single(appointments, l => l.StartsWith("=C-13,", StringComparison.Ordinal));
        var allocations = File.ReadAllLines(Path.Combine(schedule, "allocations.csv"));
        Assert.DoesNotContain(allocations, l => l.Contains("C,01", StringComparison.Ordinal));   // IR: no numbers
        Assert.Equal(11, File.ReadAllLines(Path.Combine(schedule, "appointments.csv")).Skip(1)
            .Where(l => l.Contains(",CDJ,", StringComparison.Ordinal)).Sum(l => int.Parse(l[(l.LastIndexOf(',') + 1)..])));
    }

}

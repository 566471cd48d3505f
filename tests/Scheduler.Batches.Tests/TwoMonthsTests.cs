using System.Text;
using NodaTime;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Scenarios;
using Scheduler.Planning;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using Scheduler.Verification;

namespace Scheduler.Batches.Tests;

/// <summary>Two months in a row through the database, worked out by hand. One post (CDJ) and 25 F4
/// Mexico cases of two traveling applicants each, all current, pools from the Act with F4's annual
/// limit 40 and every other family preference 0 (so nothing falls down or up: F4's demand of 50
/// exceeds its limit). Both months are in the first quarter of FY2027, whose ceiling is
/// floor(27 % of 40) = 10 numbers.
/// <list type="bullet">
/// <item>November: one session of 6 seats. Pool F4/ALL = min(40 - 0, 10 - 0) = 10; 6 seats seat
/// F-01..F-03 (priority-date order), 6 numbers.</item>
/// <item>December: one session of 10 seats. F-01..F-03 are not offered again. November's 6 numbers
/// count as this year's and this quarter's usage: pool F4/ALL = min(40 - 6, 10 - 6) = 4, which
/// seats F-04 and F-05; F-06..F-25 (20 cases) get NO_NUMBERS. Without November's usage the pool
/// would have been 10.</item>
/// </list></summary>
public abstract class TwoMonthsTests(ITestDatabase database)
{
    private static string Posts(string day, int seats) => $$"""
        [{ "code": "CDJ", "name": "Ciudad Juarez", "country": "MX", "timeZone": "America/Ciudad_Juarez",
           "serves": ["MX"], "designatedFor": [], "weekend": ["Saturday", "Sunday"], "closed": [], "minNoticeDays": 30,
           "sessions": [], "days": { "{{day}}": [{ "start": "08:00", "applicants": {{seats}} }] }, "mix": [] }]
        """;

    private static (string, string)[] Month(string month, string asOf, string day, int seats)
    {
        var cases = new StringBuilder("case_id,category,visa_class,priority_date,chargeability,dq_date,post\n");
        var applicants = new StringBuilder("applicant_id,case_id,role,birth_date,traveling,docs_expire\n");
        for (var i = 1; i <= 25; i++)
        {
            cases.Append($"F-{i:00},F4,F41,{new LocalDate(2000, 1, 1).PlusDays(i):yyyy-MM-dd},MX,2026-01-01,CDJ\n");
            applicants.Append($"F-{i:00}-1,F-{i:00},P,1970-01-01,Y,\nF-{i:00}-2,F-{i:00},S,1971-01-01,Y,\n");
        }
        return
        [
            ("settings.json", $$"""{ "month": "{{month}}", "asOf": "{{asOf}}" }"""),
            ("posts.json", Posts(day, seats)),
            ("cases.csv", cases.ToString()),
            ("applicants.csv", applicants.ToString()),
            ("bulletin.csv", "category,chargeability,final_action\nF4,ALL,C\n"),
            ("limits.csv", "fiscal_year,category,annual_limit\n2027,F1,0\n2027,F2,0\n2027,F3,0\n2027,F4,40\n"),
        ];
    }

    [SkippableFact]
    public async Task RunAsync_TwoMonthsInARow_SecondOffersNoneOfTheFirstsSeatedAndCountsItsNumbersAsUsage()
    {
        await using var db = await database.CreateAsync();
        var november = ScenarioFolders.Write(Month("2026-11", "2026-10-16", "2026-11-20", 6));
        var december = ScenarioFolders.Write(Month("2026-12", "2026-11-16", "2026-12-18", 10));
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", november, "--db", db.Connection).ExitCode);
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", december, "--db", db.Connection).ExitCode);
        var runner = new BatchRunner(db.Store, new MonthlyPlanner(), TimeProvider.System);
        var options = new PlanOptions { Workers = 1 };

        var first = await runner.RunAsync(new BatchRunRequest(new YearMonth(2026, 11), options));
        Assert.Equal(BatchRunStatus.Committed, first.Status);
        Assert.Equal(["F-01", "F-02", "F-03"], first.Plan!.Schedule.Appointments.Select(a => a.CaseId).Order());
        Assert.Equal(6, first.Plan.Schedule.Allocations.Count);

        var snapshot = (await db.Store.ReadMonthAsync(new YearMonth(2026, 12)))!;
        Assert.Equal(22, snapshot.Cases.Count);
        Assert.DoesNotContain(snapshot.Cases, c => c.Id.Value is "F-01" or "F-02" or "F-03");
        Assert.Equal([new NumbersUsed(new YearMonth(2026, 11), VisaCategory.F4, "MX", 6)], snapshot.Numbers.Usage);
        // Without November's numbers the month would have had the quarter's whole 10.
        var unused = ScenarioAssembler.Assemble(snapshot with { Numbers = snapshot.Numbers with { Usage = null } });
        Assert.Equal(10, unused.Scenario!.Numbers.Available(new(VisaCategory.F4, "ALL")));

        var second = await runner.RunAsync(new BatchRunRequest(new YearMonth(2026, 12), options));
        Assert.Equal(BatchRunStatus.Committed, second.Status);
        Assert.Equal(4, second.Plan!.Scenario.Numbers.Available(new(VisaCategory.F4, "ALL")));
        Assert.Equal(["F-04", "F-05"], second.Plan.Schedule.Appointments.Select(a => a.CaseId).Order());
        Assert.Equal(4, second.Plan.Schedule.Allocations.Count);
        Assert.Equal(20, second.Plan.Schedule.Unscheduled.Count(u => u.Reason == Core.Scheduling.UnscheduledReason.NoNumbers));
        var committed = (await db.Store.ReadCommittedBatchAsync(new YearMonth(2026, 12)))!;
        Assert.Contains("F4,ALL,4", Encoding.UTF8.GetString(committed.NumbersCsv!));

        foreach (var month in new[] { "2026-11", "2026-12" })
        {
            var export = Path.Combine(ScenarioFolders.NewTemp(), month);
            var exported = ScenarioFolders.Cli("db", "export", "--month", month, "--out", export, "--db", db.Connection);
            Assert.True(exported.ExitCode == 0, exported.Error);
            Assert.Empty(ScheduleVerifier.Verify(export, export, CancellationToken.None).Violations);
        }
    }

    [SkippableFact]
    public async Task ImportAsync_AfterTheMonthCommitted_KeepsTheSeatsOfTheCommittedBatch()
    {
        await using var db = await database.CreateAsync();
        var november = ScenarioFolders.Write(Month("2026-11", "2026-10-16", "2026-11-20", 6));
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", november, "--db", db.Connection).ExitCode);
        var runner = new BatchRunner(db.Store, new MonthlyPlanner(), TimeProvider.System);
        Assert.Equal(BatchRunStatus.Committed, (await runner.RunAsync(new BatchRunRequest(new YearMonth(2026, 11), new PlanOptions { Workers = 1 }))).Status);
        var before = (await db.Store.ReadCommittedBatchAsync(new YearMonth(2026, 11)))!;

        // The case system sends F-02 again, with a new priority date that would now put it last.
        File.WriteAllText(Path.Combine(november, "cases.csv"), File.ReadAllText(Path.Combine(november, "cases.csv"))
            .Replace("F-02,F4,F41,2000-01-03", "F-02,F4,F41,2001-06-30", StringComparison.Ordinal));
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", november, "--db", db.Connection).ExitCode);

        var after = (await db.Store.ReadCommittedBatchAsync(new YearMonth(2026, 11)))!;
        Assert.Equal(before.Batch.Id, after.Batch.Id);
        Assert.Equal(before.Schedule.Appointments, after.Schedule.Appointments);
        Assert.Equal(before.Schedule.Allocations, after.Schedule.Allocations);
        // A run without --force does not plan the month again.
        Assert.Equal(BatchRunStatus.AlreadyCommitted, (await runner.RunAsync(new BatchRunRequest(new YearMonth(2026, 11), new PlanOptions { Workers = 1 }))).Status);
    }
}

public sealed class SqliteTwoMonthsTests() : TwoMonthsTests(new SqliteTestDatabase());

public sealed class PostgresTwoMonthsTests() : TwoMonthsTests(new PostgresTestDatabase());

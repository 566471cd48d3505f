using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Planning.Tests;

/// <summary>The spec's objective order after seats, worked out by hand on one post: the mix target
/// comes before <c>interview_by</c> dates, and the dates still decide among equally mixed months
/// (the engine solves the two levels as one weighted objective; these pin that it is the same order).</summary>
public class ObjectiveOrderTests
{
    private const string Settings = """{ "month": "2026-12", "asOf": "2026-11-16" }""";
    private const string Cases = "case_id,category,visa_class,priority_date,chargeability,dq_date,post,residence,nationality,language,system_source,expedite,interview_by\n";
    private const string Applicants = "applicant_id,case_id,role,birth_date,traveling,docs_expire\n";

    /// <summary>Two seats on each of two days, a target of 100 % Tagalog speakers, every case IR (no
    /// numbers involved). A1 (English, two travelers, first in the queue) must be seen by the first day,
    /// when its documents expire; X, Y (Tagalog, one traveler each) and Z (Tagalog, two) follow. First
    /// fit takes A1 on the first day and X and Y on the second: the date met, the target missed by 2
    /// applicants. X and Y on the first day and Z on the second keep the target and miss A1's date;
    /// neither passes A1 over (X and Y are smaller families, and A1's documents end before Z's day).
    /// The target comes first: X, Y and Z are seated, one miss.</summary>
    [Fact]
    public void Plan_TargetAgainstInterviewBy_TheTargetWins()
    {
        var plan = Plan(
            Post("""{ "2026-12-16": [{ "start": "08:00", "applicants": 2 }], "2026-12-17": [{ "start": "08:00", "applicants": 2 }] }""",
                """[{ "dimension": "language", "value": "tl", "target": 1.0 }]"""),
            Cases +
            "A1,IR,IR1,2024-01-01,PH,2026-08-01,P1,PH,PH,en,PIVOT,N,2026-12-16\n" +
            "X,IR,IR1,2024-01-01,PH,2026-09-01,P1,PH,PH,tl,PIVOT,N,\n" +
            "Y,IR,IR1,2024-01-01,PH,2026-09-02,P1,PH,PH,tl,PIVOT,N,\n" +
            "Z,IR,IR1,2024-01-01,PH,2026-09-03,P1,PH,PH,tl,PIVOT,N,\n",
            Applicants + "A1-1,A1,P,1990-01-01,Y,2026-12-16\nA1-2,A1,S,1990-01-01,Y,2026-12-16\n" +
            "X-1,X,P,1990-01-01,Y,\nY-1,Y,P,1990-01-01,Y,\nZ-1,Z,P,1990-01-01,Y,\nZ-2,Z,S,1990-01-01,Y,\n");

        var dates = plan.Schedule.Appointments.ToDictionary(a => a.CaseId.Value, a => a.Date.ToString("yyyy-MM-dd", null));
        Assert.Equal(new Dictionary<string, string> { ["X"] = "2026-12-16", ["Y"] = "2026-12-16", ["Z"] = "2026-12-17" }, dates);
        Assert.Equal(0m, plan.Figures.Overall.MixDeviation);
        Assert.Equal(1, plan.Figures.Overall.InterviewByMisses);
        Assert.Equal(0, plan.Figures.Overall.FifoInversions);
        Assert.Equal(SolveStatus.Optimal, plan.Solver!.Status);
    }

    /// <summary>One seat on each of two days, a target of 50 % F1: X (F1) and A1 (IR, to be seen by the
    /// first day) are both seated whatever the days, so the deviation is 0 either way; the
    /// <c>interview_by</c> date then puts A1 on the first day and X on the second.</summary>
    [Fact]
    public void Plan_EquallyMixedMonths_InterviewByDecidesTheDays()
    {
        var plan = Plan(
            Post("""{ "2026-12-16": [{ "start": "08:00", "applicants": 1 }], "2026-12-17": [{ "start": "08:00", "applicants": 1 }] }""",
                """[{ "dimension": "category", "value": "F1", "target": 0.5 }]"""),
            Cases +
            "X,F1,F11,2015-01-01,PH,2026-09-01,P1,PH,PH,tl,PIVOT,N,\n" +
            "A1,IR,IR1,2024-01-01,PH,2026-10-01,P1,PH,PH,tl,PIVOT,N,2026-12-16\n",
            Applicants + "X-1,X,P,1990-01-01,Y,\nA1-1,A1,P,1990-01-01,Y,\n");

        var dates = plan.Schedule.Appointments.ToDictionary(a => a.CaseId.Value, a => a.Date.ToString("yyyy-MM-dd", null));
        Assert.Equal("2026-12-16", dates["A1"]);
        Assert.Equal("2026-12-17", dates["X"]);
        Assert.Equal(0m, plan.Figures.Overall.MixDeviation);
        Assert.Equal(0, plan.Figures.Overall.InterviewByMisses);
    }

    /// <summary>One session, on 16 December, of two seats; two queues: I1 (IR, two travelers, to be seen
    /// by 31 December, documentarily qualified last) and F1, F2 (F2A, one traveler each; F2A has no pool,
    /// so no numbers decide them). First fit serves the queues in the chronological order of documentarily
    /// complete cases: F1 and F2 take the two seats, and I1, left out, misses its date, which falls after
    /// the post's last session but within the month. Seating I1 instead passes nobody over (F1 and F2 are
    /// of another queue), seats as many applicants, and there is no target: the dates decide, I1 is seated.</summary>
    [Fact]
    public void Plan_DateAfterTheLastSessionButInTheMonth_UnseatedCountsAsAMiss()
    {
        var posts = Post("""{ "2026-12-16": [{ "start": "08:00", "applicants": 2 }] }""", "[]");
        const string cases = Cases +
            "F1,F2A,F21,2024-01-01,PH,2026-09-01,P1,PH,PH,tl,PIVOT,N,\n" +
            "F2,F2A,F21,2024-01-01,PH,2026-09-02,P1,PH,PH,tl,PIVOT,N,\n" +
            "I1,IR,IR1,2024-01-01,PH,2026-09-05,P1,PH,PH,tl,PIVOT,N,2026-12-31\n";
        const string applicants = Applicants + "F1-1,F1,P,1990-01-01,Y,\nF2-1,F2,P,1990-01-01,Y,\nI1-1,I1,P,1990-01-01,Y,\nI1-2,I1,S,1990-01-01,Y,\n";
        const string bulletin = "category,chargeability,final_action,dates_for_filing\nF1,ALL,C,C\nF2A,ALL,C,C\n";

        var plan = Plan(posts, cases, applicants, bulletin);
        Assert.Equal(["I1"], plan.Schedule.Appointments.Select(a => a.CaseId.Value));
        Assert.Equal(0, plan.Figures.Overall.InterviewByMisses);
        Assert.Equal(2, plan.Figures.Overall.ScheduledApplicants);
        Assert.Equal(0, plan.Figures.Overall.FifoInversions);
        Assert.Equal(SolveStatus.Optimal, plan.Solver!.Status);

        // First fit alone leaves I1 out: the search, not the order of the queues, seats it.
        var firstFit = Plan(posts, cases, applicants, bulletin, SolverKind.Greedy);
        Assert.Equal(["F1", "F2"], firstFit.Schedule.Appointments.Select(a => a.CaseId.Value).Order());
        Assert.Equal(1, firstFit.Figures.Overall.InterviewByMisses);
    }

    /// <summary>posts.json with its one post, P1 (Manila, 30 days' notice), holding <paramref name="days"/> and <paramref name="mix"/>.</summary>
    private static string Post(string days, string mix) =>
        $$"""
        [{ "code": "P1", "name": "Post", "country": "PH", "timeZone": "Asia/Manila", "serves": ["PH"], "designatedFor": [],
           "minNoticeDays": 30, "sessions": [], "days": {{days}}, "mix": {{mix}} }]
        """;

    /// <summary>Writes the scenario to a temporary folder, plans it (CP-SAT unless told, one worker) and removes the folder.</summary>
    private static MonthlyPlan Plan(string posts, string cases, string applicants, string? bulletin = null, SolverKind solver = SolverKind.CpSat)
    {
        var folder = Write(posts, cases, applicants, bulletin);
        try
        {
            return new MonthlyPlanner().Plan(Examples.Read(folder), new PlanOptions { Workers = 1, Solver = solver });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string posts, string cases, string applicants, string? bulletin)
    {
        var folder = Path.Combine(Path.GetTempPath(), "scheduler-objective-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "settings.json"), Settings);
        File.WriteAllText(Path.Combine(folder, "posts.json"), posts);
        File.WriteAllText(Path.Combine(folder, "cases.csv"), cases);
        File.WriteAllText(Path.Combine(folder, "applicants.csv"), applicants);
        File.WriteAllText(Path.Combine(folder, "bulletin.csv"), bulletin ?? "category,chargeability,final_action,dates_for_filing\nF1,ALL,C,C\n");
        File.WriteAllText(Path.Combine(folder, "numbers.csv"), "category,chargeability,available\nF1,ALL,10\n");
        return folder;
    }
}

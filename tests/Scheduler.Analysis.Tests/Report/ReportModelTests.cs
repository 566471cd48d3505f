using NodaTime;
using Scheduler.Analysis.Report;
using Scheduler.Core.Scheduling;
using Scheduler.Planning;

namespace Scheduler.Analysis.Tests.Report;

/// <summary>The report's figures for the tiny example's hand-written best schedule, worked out by hand
/// from the spec's EXPECTED.md.</summary>
public sealed class ReportModelTests
{
    private static readonly ReportModel Model = TinySchedule.Model();

    private static PostReport Post(string code) => Model.Posts.Single(p => p.Code == code);

    private static CalendarDay Day(string post, int day) => Post(post).Days.Single(d => d.Date == new LocalDate(2026, 12, day));

    [Fact]
    public void Build_Tiny_PostsByCode_WithTheMonthsFigures()
    {
        Assert.Equal(["ABD", "CDJ", "MNL"], Model.Posts.Select(p => p.Code));
        Assert.Equal(15, Model.Overall.ScheduledCases);
        Assert.Equal(27, Model.Overall.ScheduledApplicants);
        Assert.Equal(44, Model.Overall.Capacity);
        Assert.Equal(0, Model.Overall.FifoInversions);
        Assert.Equal([11L, 10L, 6L], new[] { "CDJ", "MNL", "ABD" }.Select(c => Post(c).Figures.ScheduledApplicants));
    }

    [Fact]
    public void Build_Tiny_CdjCalendar_SeatsUsedAgainstOfferedPerDay()
    {
        var cdj = Post("CDJ");
        Assert.Equal(31, cdj.Days.Count);
        // asOf 2026-11-16 + 40 days' notice = Saturday Dec 26: the usable days are Dec 28-31, one session of 3.
        Assert.Equal([28, 29, 30, 31], cdj.Days.Where(d => d.Kind == DayKind.Open).Select(d => d.Date.Day));
        Assert.Equal((3, 3L), (Day("CDJ", 28).Offered, Day("CDJ", 28).Used));
        Assert.Equal((3, 3L), (Day("CDJ", 29).Offered, Day("CDJ", 29).Used)); // C-12 (1) with C-01 (2)
        Assert.Equal((3, 2L), (Day("CDJ", 31).Offered, Day("CDJ", 31).Used));
        Assert.Equal(DayKind.BeforeNotice, Day("CDJ", 24).Kind);
        Assert.Equal(DayKind.Closed, Day("CDJ", 25).Kind);
        Assert.Equal(DayKind.Weekend, Day("CDJ", 26).Kind);
        Assert.Equal(12, cdj.Days.Sum(d => d.Offered));
    }

    [Fact]
    public void Build_Tiny_MnlCalendar_TheDayOverrideAndClosedDays()
    {
        var mnl = Post("MNL");
        Assert.Equal([16, 17, 18, 21, 22, 23, 28, 29], mnl.Days.Where(d => d.Kind == DayKind.Open).Select(d => d.Date.Day));
        Assert.Equal((1, 2, 2L), (Day("MNL", 16).Sessions, Day("MNL", 16).Offered, Day("MNL", 16).Used));
        Assert.Equal((2, 2L), (Day("MNL", 17).Offered, Day("MNL", 17).Used));
        Assert.Equal((2, 0L), (Day("MNL", 23).Offered, Day("MNL", 23).Used));
        Assert.Equal(DayKind.BeforeNotice, Day("MNL", 15).Kind);
        Assert.Equal(DayKind.Closed, Day("MNL", 24).Kind);
        Assert.Equal(DayKind.Closed, Day("MNL", 30).Kind);
        Assert.Equal((16, 10L), (mnl.Days.Sum(d => d.Offered), mnl.Days.Sum(d => d.Used)));
    }

    [Fact]
    public void Build_Tiny_PriorityDateCoverage_LatestSeatedAgainstTheCutoff()
    {
        var f4 = Post("CDJ").PriorityDates.Single(r => r.Category == "F4" && r.Chargeability == "MX");
        // C-08 (PD 2000-01-01) seated; C-02 (2001-04-29) eligible but its pool is short; C-03 (2001-04-30) not current.
        Assert.Equal(new PriorityDateRow("F4", "MX", "2001-04-30", 1, 2, new LocalDate(2000, 1, 1), 1, new LocalDate(2001, 4, 29), 1), f4);
        var ir = Post("CDJ").PriorityDates.Single(r => r.Category == "IR");
        // C-01, C-11, C-12, C-13 seated (latest PD C-11's); C-10 (4 applicants) waits.
        Assert.Equal(new PriorityDateRow("IR", "MX", "C", 4, 9, new LocalDate(2025, 6, 1), 1, new LocalDate(2024, 11, 1), 0), ir);
        var eb3 = Post("ABD").PriorityDates.Single(r => r.Category == "EB3");
        // EB3 India uses its own row: A-04 seated, A-05 (PD equals the cutoff) not current.
        Assert.Equal(new PriorityDateRow("EB3", "IN", "2013-11-15", 1, 1, new LocalDate(2013, 11, 1), 0, null, 1), eb3);
        // M-02 seated; M-01 (later PD) eligible but the F4 Philippines pool is spent; F1 Philippines is U.
        Assert.Equal(new PriorityDateRow("F4", "PH", "2006-01-01", 1, 2, new LocalDate(2004, 6, 1), 1, new LocalDate(2005, 12, 31), 0),
            Post("MNL").PriorityDates.Single(r => r.Category == "F4"));
        Assert.Equal(("U", 0, 1), Post("MNL").PriorityDates.Where(r => r.Category == "F1").Select(r => (r.Cutoff, r.SeatedCases, r.NotCurrent)).Single());
    }

    [Fact]
    public void Build_Tiny_UnscheduledCountsByReason_PerPostAndForTheMonth()
    {
        Assert.Equal(
            ["NOT_QUALIFIED=2", "NOT_CURRENT=1", "NO_TRAVELING_APPLICANTS=1", "DOCUMENTS_EXPIRE=1", "NO_NUMBERS=1", "NO_CAPACITY=2"],
            Post("CDJ").Unscheduled.Select(r => $"{r.Code}={r.Cases}"));
        Assert.Equal(["NOT_CURRENT=1", "NO_NUMBERS=1", "MIX_LIMIT=1"], Post("MNL").Unscheduled.Select(r => $"{r.Code}={r.Cases}"));
        Assert.Equal(["NOT_CURRENT=1"], Post("ABD").Unscheduled.Select(r => $"{r.Code}={r.Cases}"));
        // A-02 has no post: counted for the month only.
        Assert.Equal(1, Model.Unscheduled.Single(r => r.Reason == UnscheduledReason.NoPost).Cases);
        Assert.Equal(13, Model.Unscheduled.Sum(r => r.Cases));
        Assert.Equal(8, Model.Unscheduled.Count);
    }

    [Fact]
    public void Build_Tiny_MixLinesAgainstTargetsAndCeilings()
    {
        var ivis = Post("MNL").Mix.Single(m => m.Dimension == "systemSource");
        Assert.Equal(("IVIS", 2L, 10L, (decimal?)0.25m, (decimal?)null), (ivis.Value, ivis.Count, ivis.Total, ivis.Max, ivis.Target));
        var ir = Post("ABD").Mix.Single(m => m.Dimension == "group" && m.Value == "IR");
        Assert.Equal((2L, 6L, (decimal?)0.5m), (ir.Count, ir.Total, ir.Target));
        Assert.Equal(["IR", "FAMILY", "EMPLOYMENT"], Post("CDJ").Mix.Select(m => m.Value));
    }

    [Fact]
    public void Build_Tiny_Pools()
    {
        Assert.Equal(["F4 ALL 10/0/10", "F4 MX 4/2/2", "F4 PH 3/2/1"],
            Model.Pools.Select(p => $"{p.Category} {p.Chargeability} {p.Available}/{p.Allocated}/{p.Left}"));
    }

    [Fact]
    public void RunMetadata_WithoutASummary_ComputesTheHashAndNamesThisBuild()
    {
        Assert.Equal(("2026-12", "2026-11-16", "unknown"), (Model.Run.Month, Model.Run.AsOf, Model.Run.Solver));
        Assert.Equal(("hash-of-tiny", true), (Model.Run.InputHash, Model.Run.InputHashComputed));
        Assert.Equal((MonthlyPlanner.EngineVersion, true), (Model.Run.EngineVersion, Model.Run.EngineVersionComputed));
    }

    [Fact]
    public void ScheduleMatch_ACaseMissingAndAnUnknownOne_AreNamed()
    {
        var (scenario, schedule) = TinySchedule.Read();
        var wrong = schedule with
        {
            Unscheduled = [.. schedule.Unscheduled.Where(u => u.CaseId.Value != "C-02"), new UnscheduledCase(new("X-99"), UnscheduledReason.NoPost)],
        };
        var problems = ScheduleMatch.Problems(scenario, wrong, null);
        Assert.Contains("unscheduled.csv: case X-99 is not a case of the scenario", problems);
        Assert.Contains("case C-02 of the scenario is in neither appointments.csv nor unscheduled.csv", problems);
    }
}

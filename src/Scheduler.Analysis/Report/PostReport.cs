using NodaTime;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Analysis.Report;

/// <summary>One post in a report: its figures, its month as a calendar, its mix against its rules, its
/// priority-date coverage and its unscheduled cases by reason.</summary>
/// <param name="Code">The post code.</param>
/// <param name="Name">The post's name.</param>
/// <param name="Country">The country the post is in.</param>
/// <param name="Figures">The post's figures, as <c>summary.json</c> reports them.</param>
/// <param name="Solver">The solver's figures for the post, when the summary gives them.</param>
/// <param name="Days">Every day of the month, in order.</param>
/// <param name="Mix">Seated applicants' shares: per group, then per value a mix rule names.</param>
/// <param name="PriorityDates">Per category and chargeability of the post's cases, how far the seats reach.</param>
/// <param name="Unscheduled">The post's unscheduled cases by reason (reasons with none left out).</param>
public sealed record PostReport(
    string Code,
    string Name,
    string Country,
    ScheduleFigures Figures,
    PostSolverFigures? Solver,
    IReadOnlyList<CalendarDay> Days,
    IReadOnlyList<MixLine> Mix,
    IReadOnlyList<PriorityDateRow> PriorityDates,
    IReadOnlyList<ReasonCount> Unscheduled);

/// <summary>One day of a post's month.</summary>
/// <param name="Date">The day.</param>
/// <param name="Kind">Whether sessions could be booked that day, and if not why.</param>
/// <param name="Sessions">Usable sessions that day.</param>
/// <param name="Offered">Seats offered in them.</param>
/// <param name="Used">Seats the schedule books that day (applicants of its appointments).</param>
public sealed record CalendarDay(LocalDate Date, DayKind Kind, int Sessions, int Offered, long Used);

/// <summary>Whether a day offers seats.</summary>
public enum DayKind
{
    /// <summary>At least one usable session.</summary>
    Open,
    /// <summary>A weekend day of the post.</summary>
    Weekend,
    /// <summary>A closed date.</summary>
    Closed,
    /// <summary>Before <c>asOf</c> plus the post's minimum notice.</summary>
    BeforeNotice,
    /// <summary>A working day without sessions of any capacity.</summary>
    NoSessions,
}

/// <summary>The share of a post's seated applicants with one value of a mix dimension, against the
/// post's target and ceiling for it (null when it has none).</summary>
/// <param name="Dimension">The dimension as posts.json spells it (<c>group</c>, <c>systemSource</c>...).</param>
/// <param name="Value">The value.</param>
/// <param name="Target">The post's target share, if any.</param>
/// <param name="Max">The post's ceiling, if any.</param>
/// <param name="Count">Seated applicants with the value.</param>
/// <param name="Total">Seated applicants at the post.</param>
public sealed record MixLine(string Dimension, string Value, decimal? Target, decimal? Max, long Count, long Total)
{
    /// <summary>Count over total (0 when nobody is seated).</summary>
    public double Share => Total == 0 ? 0 : (double)Count / Total;
}

/// <summary>How far a post's seats reach into one category and chargeability's queue.</summary>
/// <param name="Category">The category.</param>
/// <param name="Chargeability">The cases' chargeability.</param>
/// <param name="Cutoff">The bulletin's Final Action Date for them (<c>C</c>, <c>U</c>, a date, or <c>none</c> without a row); <c>C</c> for IR.</param>
/// <param name="SeatedCases">Cases seated.</param>
/// <param name="SeatedApplicants">Their applicants.</param>
/// <param name="LatestSeated">The latest priority date seated.</param>
/// <param name="WaitingCases">Eligible cases (DQ, current, traveling, documents valid) left unseated.</param>
/// <param name="EarliestWaiting">The earliest priority date among them.</param>
/// <param name="NotCurrent">Cases not current under the bulletin.</param>
public sealed record PriorityDateRow(
    string Category,
    string Chargeability,
    string Cutoff,
    int SeatedCases,
    long SeatedApplicants,
    LocalDate? LatestSeated,
    int WaitingCases,
    LocalDate? EarliestWaiting,
    int NotCurrent);

/// <summary>How many cases were left out for one reason.</summary>
public sealed record ReasonCount(UnscheduledReason Reason, int Cases)
{
    /// <summary>The spec's code, e.g. <c>NO_CAPACITY</c>.</summary>
    public string Code => Reason.Code();
}

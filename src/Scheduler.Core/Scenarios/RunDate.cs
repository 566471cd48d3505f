using NodaTime;

namespace Scheduler.Core.Scenarios;

/// <summary>The rule on a month's run date (<c>asOf</c>): a month is planned on or before its last day. A later run
/// date would leave no session to fill and book appointments in the past; the worker's run, the API's month
/// settings and a what-if's <c>asOf</c> change all refuse it, each in its own words.</summary>
public static class RunDate
{
    /// <summary>The last day of <paramref name="month"/>.</summary>
    public static LocalDate LastDayOf(YearMonth month) => month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));

    /// <summary>True when <paramref name="asOf"/> falls after <paramref name="month"/>'s last day.</summary>
    public static bool IsAfter(YearMonth month, LocalDate asOf) => asOf > LastDayOf(month);
}

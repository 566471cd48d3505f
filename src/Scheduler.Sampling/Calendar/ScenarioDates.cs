using NodaTime;

namespace Scheduler.Sampling.Calendar;

/// <summary>The fixed dates of every sample: the batch for December 2026 runs on Monday 16 November
/// 2026, the day notices go out. They are fixed, not taken from the clock, so that a sample is the
/// same whenever it is generated, and they match the hand-made scenario in shared/spec/examples/tiny.</summary>
internal static class ScenarioDates
{
    public static readonly YearMonth Month = new(2026, 12);

    public static readonly LocalDate AsOf = new(2026, 11, 16);

    public static readonly LocalDate MonthStart = Month.OnDayOfMonth(1);

    public static readonly LocalDate MonthEnd = Month.OnDayOfMonth(Month.Calendar.GetDaysInMonth(Month.Year, Month.Month));

    /// <summary>Every post closes on Christmas Day, a U.S. federal holiday.</summary>
    public static readonly LocalDate ChristmasDay = new(2026, 12, 25);

    /// <summary>The working days of the month on or after asOf + <paramref name="minNoticeDays"/>:
    /// the days a post may hold interviews this month, before any <c>days</c> override.</summary>
    public static List<LocalDate> UsableDays(IReadOnlyCollection<IsoDayOfWeek> weekend, IReadOnlyCollection<LocalDate> closed, int minNoticeDays)
    {
        var days = new List<LocalDate>();
        var first = LocalDate.Max(MonthStart, AsOf.PlusDays(minNoticeDays));
        for (var day = first; day <= MonthEnd; day = day.PlusDays(1))
        {
            if (!weekend.Contains(day.DayOfWeek) && !closed.Contains(day))
            {
                days.Add(day);
            }
        }
        return days;
    }
}

using NodaTime;

namespace Scheduler.Batches;

/// <summary>When a month's batch is due. A month is planned once its data is in: imported (with
/// its settings), or at least its Visa Bulletin loaded. Month M runs on its <c>asOf</c> as imported, else on the
/// configured day of the month before; it is due from that day until M begins, and never once it has a
/// committed batch. A run missed while the worker was down is caught up with the day it runs as its
/// <c>asOf</c>, not the day it missed: a post's minimum notice counts from <c>asOf</c>, and applicants
/// hear of their interviews when the batch has run, so a batch dated back would book interviews with
/// less notice than the post asked for. A month already begun is not planned by the calendar: its
/// first sessions would be in the past (<c>run --month</c> still can).</summary>
public static class BatchCalendar
{
    /// <summary>The day month <paramref name="month"/> runs on when it has no imported <c>asOf</c>.</summary>
    public static LocalDate RunDate(YearMonth month, int runDay) =>
        month.PlusMonths(-1).OnDayOfMonth(Math.Min(runDay, month.PlusMonths(-1).ToDateInterval().End.Day));

    /// <summary>The months due on <paramref name="today"/>, earliest first, with the <c>asOf</c> each runs with: its run
    /// date, or today when that has passed.</summary>
    /// <param name="today">Today, in the service's calendar.</param>
    /// <param name="runDay">The configured day of the month before.</param>
    /// <param name="imported">Months with settings in the database, and their <c>asOf</c>.</param>
    /// <param name="committed">Months that have a committed batch.</param>
    /// <param name="withBulletin">Months whose bulletin is loaded (a month neither imported nor with its bulletin is not planned: all its limited cases would be not current).</param>
    public static IReadOnlyList<(YearMonth Month, LocalDate AsOf)> Due(LocalDate today, int runDay,
        IReadOnlyDictionary<YearMonth, LocalDate> imported, IReadOnlySet<YearMonth> committed, IReadOnlySet<YearMonth> withBulletin)
    {
        ArgumentNullException.ThrowIfNull(withBulletin);
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(committed);
        var candidates = new SortedDictionary<YearMonth, LocalDate>();
        foreach (var (month, asOf) in imported)
        {
            candidates[month] = asOf;
        }
        // Next month is due by the calendar without an import, once its bulletin is in.
        var next = today.ToYearMonth().PlusMonths(1);
        if (withBulletin.Contains(next))
        {
            candidates.TryAdd(next, RunDate(next, runDay));
        }
        return candidates
            .Where(c => !committed.Contains(c.Key) && c.Value <= today && today < c.Key.OnDayOfMonth(1))
            .Select(c => (c.Key, LocalDate.Max(c.Value, today)))
            .ToList();
    }
}

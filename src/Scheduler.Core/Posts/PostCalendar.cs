using NodaTime;

namespace Scheduler.Core.Posts;

/// <summary>Turns a post's preferences into the concrete sessions of a month.</summary>
public static class PostCalendar
{
    /// <summary>True when the post works that day: not a weekend day and not closed.</summary>
    public static bool IsWorkingDay(Post post, LocalDate date) =>
        !post.Weekend.Contains(date.DayOfWeek) && !post.Closed.Contains(date);

    /// <summary>The first day an interview may be held: <paramref name="asOf"/> plus the post's minimum notice.</summary>
    public static LocalDate EarliestInterviewDate(Post post, LocalDate asOf) => asOf.PlusDays(post.MinNoticeDays);

    /// <summary>The usable sessions of <paramref name="month"/>, ordered by date then start: on
    /// working days, on or after the earliest interview date, with capacity above zero. A day
    /// override replaces the day's sessions (ignored on non-working days).</summary>
    public static IReadOnlyList<InterviewSession> UsableSessions(Post post, YearMonth month, LocalDate asOf)
    {
        var earliest = EarliestInterviewDate(post, asOf);
        var sessions = new List<InterviewSession>();
        for (var date = month.OnDayOfMonth(1); date.Month == month.Month; date = date.PlusDays(1))
        {
            if (date < earliest || !IsWorkingDay(post, date))
            {
                continue;
            }
            var day = post.Days.TryGetValue(date, out var overridden) ? overridden : post.Sessions;
            sessions.AddRange(day
                .Where(s => s.Applicants > 0)
                .OrderBy(s => s.Start)
                .Select(s => new InterviewSession(post.Code, date, s.Start, s.Applicants)));
        }
        return sessions;
    }
}

using NodaTime;
using Scheduler.Sampling.Calendar;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>Draws each post's <see cref="PostCalendar"/>, then sizes its sessions so that the month
/// offers a given number of seats: one start a day at small posts, two or three at large ones, the
/// first session of the day a little larger.</summary>
internal static class SessionPlanner
{
    /// <summary>Most posts want the 30 days' notice of 9 FAM 504.4-6; some ask for up to six weeks.</summary>
    private static readonly int[] NoticeDays = [30, 30, 30, 30, 30, 31, 33, 35, 38, 40, 42];

    private static readonly string[][][] StartTemplates =
    [
        [["07:30"], ["07:30", "10:00"], ["07:00", "09:00", "11:00"]],
        [["08:00"], ["08:00", "13:00"], ["07:30", "09:30", "13:00"]],
    ];

    private static readonly double[][] StartFactors = [[1.0], [1.1, 0.9], [1.15, 1.0, 0.85]];

    private static readonly LocalDate ChristmasEve = new(2026, 12, 24);
    private static readonly LocalDate NewYearsEve = new(2026, 12, 31);

    public static PostCalendar DrawCalendar(PostReference post, SplitMix64 random)
    {
        var closed = post.LocalHolidays.Append(ScenarioDates.ChristmasDay).Distinct().Order().ToArray();
        var notice = random.Pick(NoticeDays);
        var usable = ScenarioDates.UsableDays(post.Weekend, closed, notice);
        if (usable.Count < 4)
        {
            notice = NoticeDays[0];
            usable = ScenarioDates.UsableDays(post.Weekend, closed, notice);
        }
        LocalDate? reduced = null;
        if (random.Chance(0.35))
        {
            reduced = usable.Contains(ChristmasEve) ? ChristmasEve : usable.Contains(NewYearsEve) ? NewYearsEve : null;
        }
        LocalDate? closedDay = null;
        if (usable.Count >= 6 && random.Chance(0.08))
        {
            // A day the post gives NVC no slots (a training day, a visit): an empty list in "days".
            closedDay = random.Pick(usable.Where(d => d != reduced).ToArray());
        }
        return new PostCalendar(notice, closed, usable, random.Next(StartTemplates.Length), reduced, closedDay);
    }

    /// <summary>Sessions offering about <paramref name="seatTarget"/> seats in the month (never fewer
    /// than <paramref name="minimumCapacity"/> per session, so small posts may offer more).</summary>
    public static PostSessions Size(PostCalendar calendar, double seatTarget, int minimumCapacity)
    {
        var perDay = seatTarget / Math.Max(0.5, calendar.EffectiveDays);
        var starts = perDay >= 450 ? 3 : perDay >= 80 ? 2 : 1;
        var template = StartTemplates[calendar.StartTemplate][starts - 1];
        var regular = new SessionSlot[starts];
        for (var s = 0; s < starts; s++)
        {
            regular[s] = new SessionSlot(template[s], Math.Max(minimumCapacity, (int)Math.Ceiling(perDay / starts * StartFactors[starts - 1][s])));
        }
        var perRegularDay = regular.Sum(s => s.Applicants);

        var overrides = new List<(LocalDate, IReadOnlyList<SessionSlot>)>();
        var seats = 0;
        foreach (var day in calendar.UsableDays)
        {
            if (day == calendar.ReducedDay)
            {
                var morning = new SessionSlot(regular[0].Start, Math.Max(1, (regular[0].Applicants + 1) / 2));
                overrides.Add((day, [morning]));
                seats += morning.Applicants;
            }
            else if (day == calendar.ClosedDay)
            {
                overrides.Add((day, []));
            }
            else
            {
                seats += perRegularDay;
            }
        }
        return new PostSessions(regular, overrides, seats);
    }
}

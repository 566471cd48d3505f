using NodaTime;
using Scheduler.Sampling.Posts;

namespace Scheduler.Sampling.Tests.Posts;

public class SessionPlannerTests
{
    private static readonly LocalDate[] Closed = [new(2026, 12, 25)];

    /// <summary>30 days' notice from 16 November: Dec 16-18, 21-24, 28-31 (Christmas closed).</summary>
    private static List<LocalDate> UsableDays() =>
        Scheduler.Sampling.Calendar.ScenarioDates.UsableDays([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], Closed, 30);

    [Fact]
    public void Size_PlainMonth_SeatsAreSessionsTimesUsableDays()
    {
        var calendar = new PostCalendar(30, Closed, UsableDays(), 0, null, null);
        var sessions = SessionPlanner.Size(calendar, seatTarget: 1_100, minimumCapacity: 4);
        Assert.Equal(11, calendar.UsableDays.Count);
        Assert.Equal(2, sessions.Regular.Count);
        Assert.Equal(sessions.Regular.Sum(s => s.Applicants) * 11, sessions.Seats);
        Assert.InRange(sessions.Seats, 1_100, 1_130);
    }

    [Fact]
    public void Size_ReducedAndClosedDays_AreOverridesCountedAsSuch()
    {
        var reduced = new LocalDate(2026, 12, 24);
        var closedDay = new LocalDate(2026, 12, 17);
        var calendar = new PostCalendar(30, Closed, UsableDays(), 1, reduced, closedDay);
        var sessions = SessionPlanner.Size(calendar, seatTarget: 95, minimumCapacity: 4);
        var regular = sessions.Regular.Single().Applicants;
        var morning = sessions.Overrides.Single(o => o.Date == reduced).Sessions.Single();
        Assert.Equal("08:00", morning.Start);
        Assert.Equal((regular + 1) / 2, morning.Applicants);
        Assert.Empty(sessions.Overrides.Single(o => o.Date == closedDay).Sessions);
        Assert.Equal(regular * 9 + morning.Applicants, sessions.Seats);
    }

    [Fact]
    public void Size_TinyTarget_NeverGoesBelowTheMinimumCapacity()
    {
        var calendar = new PostCalendar(30, Closed, UsableDays(), 0, null, null);
        Assert.Equal(3, SessionPlanner.Size(calendar, seatTarget: 1, minimumCapacity: 3).Regular.Single().Applicants);
    }
}

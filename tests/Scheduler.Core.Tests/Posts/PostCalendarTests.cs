using NodaTime;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Tests.Posts;

public class PostCalendarTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 16);
    private static readonly YearMonth December = new(2026, 12);

    private static Post Manila() => new()
    {
        Code = "MNL",
        Weekend = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday },
        Closed = new HashSet<LocalDate> { new(2026, 12, 24), new(2026, 12, 25), new(2026, 12, 30), new(2026, 12, 31) },
        MinNoticeDays = 30,
        Sessions = [new SessionTemplate(new LocalTime(7, 30), 2)],
        Days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>
        {
            [new LocalDate(2026, 12, 16)] = [new SessionTemplate(new LocalTime(8, 0), 2)],
            [new LocalDate(2026, 12, 19)] = [new SessionTemplate(new LocalTime(8, 0), 9)],
            [new LocalDate(2026, 12, 21)] = [],
        },
    };

    [Fact]
    public void UsableSessions_TinyManila_MatchesWorkedExample()
    {
        var dates = PostCalendar.UsableSessions(Manila(), December, AsOf).Select(s => s.Date.Day).ToArray();
        // Dec 16-18, 22, 23, 28, 29: weekends, closed days, the emptied Dec 21 and the Saturday override are out.
        Assert.Equal([16, 17, 18, 22, 23, 28, 29], dates);
    }

    [Fact]
    public void UsableSessions_DayOverride_ReplacesTheDaysSessions()
    {
        var first = PostCalendar.UsableSessions(Manila(), December, AsOf)[0];
        Assert.Equal(new LocalTime(8, 0), first.Start);
    }

    [Fact]
    public void UsableSessions_FridaySaturdayWeekend_WorksOnSunday()
    {
        var post = Manila() with
        {
            Weekend = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday },
            Closed = new HashSet<LocalDate>(),
            Days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>(),
        };
        var days = PostCalendar.UsableSessions(post, December, AsOf).Select(s => s.Date.DayOfWeek).ToHashSet();
        Assert.Contains(IsoDayOfWeek.Sunday, days);
        Assert.DoesNotContain(IsoDayOfWeek.Friday, days);
    }

    [Fact]
    public void UsableSessions_MinimumNotice_NoSessionBeforeAsOfPlusNotice()
    {
        var post = Manila() with { MinNoticeDays = 40, Closed = new HashSet<LocalDate>() };
        Assert.All(PostCalendar.UsableSessions(post, December, AsOf), s => Assert.True(s.Date >= new LocalDate(2026, 12, 26)));
    }
}

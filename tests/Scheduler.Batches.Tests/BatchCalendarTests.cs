using NodaTime;

namespace Scheduler.Batches.Tests;

/// <summary>When a month is due: on its run date, caught up after it (as of the day it runs) until the
/// month begins, never once committed.</summary>
public class BatchCalendarTests
{
    private static readonly Dictionary<YearMonth, LocalDate> NothingImported = [];
    private static readonly HashSet<YearMonth> NothingCommitted = [];
    private static readonly HashSet<YearMonth> DecemberBulletin = [new YearMonth(2026, 12)];

    [Fact]
    public void Due_BeforeTheRunDay_Nothing()
    {
        Assert.Empty(BatchCalendar.Due(new LocalDate(2026, 11, 15), 16, NothingImported, NothingCommitted, DecemberBulletin));
    }

    [Fact]
    public void Due_OnTheRunDay_NextMonthWithTheRunDayAsAsOf()
    {
        var due = BatchCalendar.Due(new LocalDate(2026, 11, 16), 16, NothingImported, NothingCommitted, DecemberBulletin);
        Assert.Equal([(new YearMonth(2026, 12), new LocalDate(2026, 11, 16))], due);
    }

    [Fact]
    public void Due_MissedWhileDown_CaughtUpAsOfTheDayItRuns()
    {
        var due = BatchCalendar.Due(new LocalDate(2026, 11, 29), 16, NothingImported, NothingCommitted, DecemberBulletin);
        Assert.Equal([(new YearMonth(2026, 12), new LocalDate(2026, 11, 29))], due);
    }

    [Fact]
    public void Due_ImportedAsOfPassed_CaughtUpAsOfTheDayItRuns()
    {
        var imported = new Dictionary<YearMonth, LocalDate> { [new YearMonth(2026, 12)] = new LocalDate(2026, 11, 10) };
        Assert.Equal([(new YearMonth(2026, 12), new LocalDate(2026, 11, 12))],
            BatchCalendar.Due(new LocalDate(2026, 11, 12), 16, imported, NothingCommitted, DecemberBulletin));
    }

    [Fact]
    public void Due_OnceTheMonthHasBegun_NotPlannedByTheCalendar()
    {
        var today = new LocalDate(2026, 12, 1);
        var due = BatchCalendar.Due(today, 28, new Dictionary<YearMonth, LocalDate> { [new YearMonth(2026, 12)] = new LocalDate(2026, 11, 16) }, NothingCommitted, DecemberBulletin);
        Assert.DoesNotContain(due, d => d.Month == new YearMonth(2026, 12));
    }

    [Fact]
    public void Due_Committed_NeverAgain()
    {
        var due = BatchCalendar.Due(new LocalDate(2026, 11, 20), 16, NothingImported, new HashSet<YearMonth> { new(2026, 12) }, DecemberBulletin);
        Assert.Empty(due);
    }

    [Fact]
    public void Due_ImportedAsOf_WinsOverTheRunDay()
    {
        var imported = new Dictionary<YearMonth, LocalDate> { [new YearMonth(2026, 12)] = new LocalDate(2026, 11, 10) };
        Assert.Equal([(new YearMonth(2026, 12), new LocalDate(2026, 11, 10))],
            BatchCalendar.Due(new LocalDate(2026, 11, 10), 16, imported, NothingCommitted, DecemberBulletin));
        Assert.Empty(BatchCalendar.Due(new LocalDate(2026, 11, 9), 16, imported, NothingCommitted, DecemberBulletin));
    }

    [Fact]
    public void Due_NextMonthNeitherImportedNorWithItsBulletin_Nothing()
    {
        Assert.Empty(BatchCalendar.Due(new LocalDate(2026, 11, 20), 16, NothingImported, NothingCommitted, new HashSet<YearMonth>()));
    }

    [Fact]
    public void RunDate_RunDayBeyondAShortMonth_LastDayOfThatMonth()
    {
        Assert.Equal(new LocalDate(2027, 2, 28), BatchCalendar.RunDate(new YearMonth(2027, 3), 31));
    }
}

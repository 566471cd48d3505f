using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Storage.Sql;

/// <summary>The text forms of NodaTime values where the database has no native type (SQLite;
/// months everywhere): ISO dates, times and instants, which also sort as text.</summary>
internal static class SqlText
{
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static string Time(LocalTime time) => LocalTimePattern.ExtendedIso.Format(time);

    public static LocalTime ParseTime(string text) => LocalTimePattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static string Month(YearMonth month) => month.ToString("yyyy'-'MM", CultureInfo.InvariantCulture);

    public static YearMonth ParseMonth(string text) => YearMonthPattern.Iso.Parse(text).GetValueOrThrow();

    public static string Instant(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static Instant ParseInstant(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    /// <summary>A value as SQLite stores it: NodaTime values as ISO text, booleans as 0/1, decimals as exact text.</summary>
    public static object ForSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        LocalDate d => Date(d),
        LocalTime t => Time(t),
        YearMonth m => Month(m),
        Instant i => Instant(i),
        bool b => b ? 1L : 0L,
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => value,
    };
}

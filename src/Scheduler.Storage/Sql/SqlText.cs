using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Storage.Sql;

/// <summary>The text forms of NodaTime values where the database has no native type (SQLite;
/// months everywhere): ISO dates, times and instants, which also sort as text.</summary>
internal static class SqlText
{
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>An ISO date as this store writes it. <c>yyyy-MM-dd</c> is read digit by digit (a
    /// snapshot reads two million of them); anything else goes through NodaTime's pattern, which
    /// names what is wrong.</summary>
    public static LocalDate ParseDate(string text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4) is var year and >= 1 && Digits(text, 5, 2) is var month and >= 1 and <= 12
            && Digits(text, 8, 2) is var day and >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return new LocalDate(year, month, day);
        }
        return LocalDatePattern.Iso.Parse(text).GetValueOrThrow();
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits from <paramref name="start"/>, or -1.</summary>
    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

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

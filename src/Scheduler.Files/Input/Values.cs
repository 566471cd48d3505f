using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Bulletin;

namespace Scheduler.Files.Input;

/// <summary>The spec's value formats: ISO dates, months, <c>HH:mm</c> times, country codes, flags.</summary>
public static class Values
{
    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");
    private static readonly YearMonthPattern Month = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>Parses <c>yyyy-MM-dd</c> (years 0000-9999: no sign).</summary>
    public static bool TryDate(string? text, out LocalDate date)
    {
        // The exact shape, read by hand: a national scenario has over a million dates, and the
        // pattern parser took a sixth of the time spent reading it. Anything else goes to the pattern.
        if (text is { Length: 10 } && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            date = new LocalDate(year, month, day);
            return true;
        }
        var result = Date.Parse(Unsigned(text));
        date = result.Success ? result.Value : default;
        return result.Success;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    /// <summary>Parses <c>yyyy-MM</c> (years 0000-9999: no sign).</summary>
    public static bool TryMonth(string? text, out YearMonth month)
    {
        var result = Month.Parse(Unsigned(text));
        month = result.Success ? result.Value : default;
        return result.Success;
    }

    // NodaTime's absolute-year field takes a sign ("-2026-12" is a month 4,052 years BC); the spec's
    // four-digit years do not, so a signed text is given to the pattern as an empty one.
    private static string Unsigned(string? text) => text is { Length: > 0 } && char.IsAsciiDigit(text[0]) ? text : "";

    /// <summary>Parses <c>HH:mm</c>.</summary>
    public static bool TryTime(string? text, out LocalTime time)
    {
        var result = Time.Parse(text ?? "");
        time = result.Success ? result.Value : default;
        return result.Success;
    }

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string Format(LocalDate date) => Date.Format(date);

    /// <summary>Formats a month as <c>yyyy-MM</c>.</summary>
    public static string Format(YearMonth month) => Month.Format(month);

    /// <summary>Formats a time as <c>HH:mm</c>.</summary>
    public static string Format(LocalTime time) => Time.Format(time);

    /// <summary>Parses a bulletin cell: a date, <c>C</c> or <c>U</c>.</summary>
    public static bool TryFinalAction(string? text, out FinalActionDate value)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "C":
                value = FinalActionDate.Current;
                return true;
            case "U":
                value = FinalActionDate.Unavailable;
                return true;
        }
        var ok = TryDate(text, out var cutoff);
        value = ok ? FinalActionDate.Before(cutoff) : default;
        return ok;
    }

    /// <summary>True for an ISO 3166-1 alpha-2 shaped code (two ASCII letters).</summary>
    public static bool IsCountryCode(string? text) =>
        text is { Length: 2 } && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]);

    /// <summary>Parses <c>Y</c>/<c>N</c> (also yes/no, true/false), case-insensitive.</summary>
    public static bool TryFlag(string? text, out bool flag)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "Y" or "YES" or "TRUE":
                flag = true;
                return true;
            case "N" or "NO" or "FALSE":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }

    /// <summary>Parses a non-negative integer.</summary>
    public static bool TryCount(string? text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
}

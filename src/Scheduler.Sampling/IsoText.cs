using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Sampling;

/// <summary>ISO dates written digit by digit: the generator writes about two million of them for a
/// national sample, and this way neither culture nor a pattern parser is involved.</summary>
internal static class IsoText
{
    public static StringBuilder AppendIso(this StringBuilder text, LocalDate date)
    {
        AppendDigits(text, date.Year, 4);
        text.Append('-');
        AppendDigits(text, date.Month, 2);
        text.Append('-');
        AppendDigits(text, date.Day, 2);
        return text;
    }

    public static StringBuilder AppendIso(this StringBuilder text, LocalDate? date) =>
        date is { } value ? text.AppendIso(value) : text;

    public static StringBuilder AppendInvariant(this StringBuilder text, int value) =>
        text.Append(value.ToString(CultureInfo.InvariantCulture));

    public static string ToIso(this LocalDate date) => new StringBuilder(10).AppendIso(date).ToString();

    /// <summary>Parses the <c>yyyy-MM-dd</c> dates of the embedded tables.</summary>
    public static LocalDate ToLocalDate(this string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    private static void AppendDigits(StringBuilder text, int value, int width)
    {
        Span<char> digits = stackalloc char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + value % 10);
            value /= 10;
        }
        text.Append(digits);
    }
}

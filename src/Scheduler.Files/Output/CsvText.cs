using System.Text;

namespace Scheduler.Files.Output;

/// <summary>CSV rows written by hand as the <c>sample</c> verb writes them: comma-separated, "\n"
/// line endings, a field quoted (RFC 4180, inner quotes doubled) only when it must be.</summary>
internal static class CsvText
{
    /// <summary>Appends one row and its line break; a null field is an empty cell.</summary>
    public static StringBuilder Row(this StringBuilder csv, params string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }
        return csv.Append('\n');
    }
}

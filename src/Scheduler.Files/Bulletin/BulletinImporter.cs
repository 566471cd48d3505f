using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Files.Input;

namespace Scheduler.Files.Bulletin;

/// <summary>One imported cell: a category and area's Final Action Date, and its Date for Filing
/// when the page gave one.</summary>
public sealed record BulletinCell(VisaCategory Category, string Chargeability, FinalActionDate FinalAction, FinalActionDate? DatesForFiling = null);

/// <summary>Reads a Visa Bulletin as copied from the State Department's page: its tables alone, or the
/// whole page. A table is a header row (its first cell names the table, e.g. <c>Family-Sponsored</c>,
/// the others the chargeability areas in the bulletin's order: All Chargeability Areas Except Those
/// Listed, CHINA-mainland born, INDIA, MEXICO, PHILIPPINES and any others), then one row per category
/// with cells such as <c>01SEP17</c>, <c>C</c> or <c>U</c>, separated by tabs or by two or more spaces.
/// Tables after a heading that names the Dates for Filing fill <c>dates_for_filing</c>; all others are
/// Final Action Dates. Prose between tables is passed over. Rows for categories the engine has no code
/// for (religious workers, EB-5 set-asides and regional centers) are skipped.</summary>
public static partial class BulletinImporter
{
    private static readonly (string Prefix, VisaCategory? Category)[] RowLabels =
    [
        ("F1", VisaCategory.F1), ("F2A", VisaCategory.F2A), ("F2B", VisaCategory.F2B), ("F3", VisaCategory.F3), ("F4", VisaCategory.F4),
        ("1ST", VisaCategory.EB1), ("2ND", VisaCategory.EB2), ("3RD", VisaCategory.EB3), ("OTHER WORKERS", VisaCategory.EW),
        ("4TH", VisaCategory.EB4), ("CERTAIN RELIGIOUS WORKERS", null),
        ("5TH UNRESERVED", VisaCategory.EB5), ("5TH NON-REGIONAL", VisaCategory.EB5), ("5TH NON REGIONAL", VisaCategory.EB5),
        ("5TH REGIONAL", null), ("5TH SET ASIDE", null), ("5TH SET-ASIDE", null), ("5TH", VisaCategory.EB5),
    ];

    /// <summary>Parses the tables in <paramref name="path"/>; problems name the file and line.</summary>
    public static List<BulletinCell> Import(string path, ProblemList problems)
    {
        var name = Path.GetFileName(path);
        var finalAction = new Dictionary<(VisaCategory, string), FinalActionDate>();
        var forFiling = new Dictionary<(VisaCategory, string), FinalActionDate>();
        var order = new List<(VisaCategory, string)>();
        var filing = false;
        string[][]? areas = null;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var parts = (line.Contains('\t', StringComparison.Ordinal) ? line.Split('\t') : Spaces().Split(line))
                .Select(p => p.Trim()).ToArray();
            if (IsHeader(parts))
            {
                areas = new string[parts.Length - 1][];
                for (var i = 1; i < parts.Length; i++)
                {
                    areas[i - 1] = Area(parts[i]) ?? [];
                    if (areas[i - 1].Length == 0)
                    {
                        problems.Add(name, lineNumber, $"column {i + 1}: unknown chargeability area '{parts[i]}'");
                    }
                }
                continue;
            }
            var label = parts[0].ToUpperInvariant();
            var match = RowLabels.FirstOrDefault(r => label.StartsWith(r.Prefix, StringComparison.Ordinal));
            if (match.Prefix is not null && parts.Length == 1 && label.Length > 40)
            {
                match = default;   // a sentence that happens to begin like a row label ("F2A numbers ...")
            }
            if (match.Prefix is null)
            {
                // A heading says which kind of table follows; other prose is passed over, unless it
                // has a table row's shape (then it is a category this importer does not know).
                if (line.Contains("DATES FOR FILING", StringComparison.OrdinalIgnoreCase))
                {
                    (filing, areas) = (true, null);
                }
                else if (line.Contains("FINAL ACTION", StringComparison.OrdinalIgnoreCase))
                {
                    (filing, areas) = (false, null);
                }
                else if (areas is not null && parts.Length == areas.Length + 1 && parts.Skip(1).All(p => TryCell(p, out _)))
                {
                    problems.Add(name, lineNumber, $"unknown category row '{parts[0]}'");
                }
                continue;
            }
            if (areas is null)
            {
                problems.Add(name, lineNumber, "a category row before any header row naming the chargeability areas");
                continue;
            }
            if (match.Category is not { } category)
            {
                continue;
            }
            if (parts.Length - 1 != areas.Length)
            {
                problems.Add(name, lineNumber, $"{parts[0]}: {parts.Length - 1} cells, the header names {areas.Length} areas");
                continue;
            }
            var table = filing ? forFiling : finalAction;
            for (var i = 1; i < parts.Length; i++)
            {
                if (!TryCell(parts[i], out var value))
                {
                    problems.Add(name, lineNumber, $"{parts[0]}, column {i + 1}: expected a date such as 01SEP17, C or U, got '{parts[i]}'");
                    continue;
                }
                foreach (var area in areas[i - 1])
                {
                    if (!table.TryAdd((category, area), value))
                    {
                        problems.Add(name, lineNumber, $"{category} {area} appears twice in the {(filing ? "Dates for Filing" : "Final Action")} tables");
                    }
                    else if (!filing)
                    {
                        order.Add((category, area));
                    }
                }
            }
        }
        if (finalAction.Count == 0 && problems.Count == 0)
        {
            problems.Add(name, lineNumber, "no Final Action table: a header row naming the chargeability areas (e.g. 'Family-Sponsored<TAB>All Chargeability Areas Except Those Listed<TAB>...') and category rows");
        }
        return [.. order.Select(key => new BulletinCell(key.Item1, key.Item2, finalAction[key], forFiling.TryGetValue(key, out var f) ? f : null))];
    }

    /// <summary>Writes the cells as <c>bulletin.csv</c> (with <c>dates_for_filing</c> when the page gave any).</summary>
    public static string ToCsv(IReadOnlyCollection<BulletinCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var withFiling = cells.Any(c => c.DatesForFiling is not null);
        var text = new StringBuilder(withFiling ? "category,chargeability,final_action,dates_for_filing\n" : "category,chargeability,final_action\n");
        foreach (var cell in cells)
        {
            text.Append(cell.Category).Append(',').Append(cell.Chargeability).Append(',').Append(cell.FinalAction);
            if (withFiling)
            {
                text.Append(',').Append(cell.DatesForFiling?.ToString() ?? "");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static bool IsHeader(string[] parts) =>
        parts.Length > 1 && parts.Skip(1).Any(p => p.Contains("CHARGEABILITY", StringComparison.OrdinalIgnoreCase));

    private static string[]? Area(string text)
    {
        var t = text.ToUpperInvariant();
        return t.Contains("ALL CHARGEABILITY", StringComparison.Ordinal) ? [VisaBulletin.AllAreas]
            : t.StartsWith("CHINA", StringComparison.Ordinal) ? ["CN"]
            : t.StartsWith("INDIA", StringComparison.Ordinal) ? ["IN"]
            : t.StartsWith("MEXICO", StringComparison.Ordinal) ? ["MX"]
            : t.StartsWith("PHILIPPINES", StringComparison.Ordinal) ? ["PH"]
            : t.StartsWith("VIETNAM", StringComparison.Ordinal) ? ["VN"]
            : t.StartsWith("EL SALVADOR", StringComparison.Ordinal) ? ["SV", "GT", "HN"]
            : null;
    }

    /// <summary>A bulletin cell: <c>C</c>, <c>U</c> or <c>ddMMMyy</c> (two-digit years up to 70 are 20xx).</summary>
    public static bool TryCell(string text, out FinalActionDate value)
    {
        var t = text.Trim().ToUpperInvariant();
        value = default;
        if (t == "C")
        {
            value = FinalActionDate.Current;
            return true;
        }
        if (t == "U")
        {
            value = FinalActionDate.Unavailable;
            return true;
        }
        var m = CellDate().Match(t);
        if (!m.Success)
        {
            return false;
        }
        var month = Array.IndexOf(Months, m.Groups[2].Value) + 1;
        var yy = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        var year = yy <= 70 ? 2000 + yy : 1900 + yy;
        var day = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (month == 0 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        value = FinalActionDate.Before(new LocalDate(year, month, day));
        return true;
    }

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(\d{2})([A-Z]{3})(\d{2})$")]
    private static partial Regex CellDate();
}

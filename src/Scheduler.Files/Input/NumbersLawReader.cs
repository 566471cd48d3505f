using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Scenarios;

namespace Scheduler.Files.Input;

/// <summary>Reads the optional <c>limits.csv</c> (<c>fiscal_year,category,annual_limit</c>) and
/// <c>usage.csv</c> (<c>month,category,chargeability,used</c>) as given: values that do not parse are
/// problems here; which categories a limit may name, duplicates and IR usage are the
/// <see cref="ScenarioAssembler"/>'s to judge.</summary>
internal static class NumbersLawReader
{
    /// <summary>Every limits row whose year and limit parse, with its line (the category as written).</summary>
    public static List<(AnnualLimitEntry Entry, int Line)> ReadLimits(string path, ProblemList problems)
    {
        var entries = new List<(AnnualLimitEntry, int)>();
        foreach (var row in CsvTable.Read(path, problems, "fiscal_year", "category", "annual_limit"))
        {
            var ok = true;
            if (!int.TryParse(row["fiscal_year"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
                || year < 1990 || year > 2200)
            {
                problems.Add(row.File, row.Line, $"fiscal_year: expected a year such as 2027, got '{row["fiscal_year"]}'");
                ok = false;
            }
            if (!Values.TryCount(row["annual_limit"], out var limit))
            {
                problems.Add(row.File, row.Line, $"annual_limit: expected a whole number of 0 or more, got '{row["annual_limit"]}'");
                ok = false;
            }
            if (ok)
            {
                entries.Add((new AnnualLimitEntry(year, row["category"] ?? "", limit), row.Line));
            }
        }
        return entries;
    }

    /// <summary>Every usage row that parses, with its line.</summary>
    public static List<(NumbersUsed Used, int Line)> ReadUsage(string path, ProblemList problems)
    {
        var used = new List<(NumbersUsed, int)>();
        foreach (var row in CsvTable.Read(path, problems, "month", "category", "chargeability", "used"))
        {
            var ok = true;
            if (!Values.TryMonth(row["month"], out var month))
            {
                problems.Add(row.File, row.Line, $"month: expected yyyy-MM, got '{row["month"]}'");
                ok = false;
            }
            ok &= ScenarioReader.ReadCategory(row, problems, out var category);
            var chargeability = ScenarioReader.ReadArea(row, problems);
            if (!Values.TryCount(row["used"], out var count))
            {
                problems.Add(row.File, row.Line, $"used: expected a whole number of 0 or more, got '{row["used"]}'");
                ok = false;
            }
            if (ok && chargeability is not null)
            {
                used.Add((new NumbersUsed(month, category, chargeability, count), row.Line));
            }
        }
        return used;
    }
}

using NodaTime;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers.Law;

namespace Scheduler.Files.Input;

/// <summary>Reads the optional <c>limits.csv</c> (<c>fiscal_year,category,annual_limit</c>; category
/// <c>FAMILY</c> or <c>EMPLOYMENT</c> for a worldwide level, <c>F1</c>-<c>F4</c>, <c>EB1</c>-<c>EB5</c>
/// for a preference, <c>EW</c> for the other workers' cap) and <c>usage.csv</c>
/// (<c>month,category,chargeability,used</c>).</summary>
public static class NumbersLawReader
{
    /// <summary>The limits of <paramref name="fiscalYear"/>: its rows over the Act's defaults (rows of other years are ignored).</summary>
    public static AnnualLimits ReadLimits(string path, int fiscalYear, ProblemList problems)
    {
        var family = AnnualLimits.DefaultFamilyLevel;
        var employment = AnnualLimits.DefaultEmploymentLevel;
        var otherWorkers = AnnualLimits.DefaultOtherWorkersCap;
        var overrides = new Dictionary<Preference, int>();
        var seen = new HashSet<(int, string)>();
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
            var category = row["category"]?.Trim().ToUpperInvariant();
            if (category is not ("FAMILY" or "EMPLOYMENT" or "EW") && !Enum.TryParse<Preference>(category, ignoreCase: false, out _))
            {
                problems.Add(row.File, row.Line, $"category: expected FAMILY, EMPLOYMENT, F1, F2, F3, F4, EB1-EB5 or EW, got '{row["category"]}'");
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            if (!seen.Add((year, category!)))
            {
                problems.Add(row.File, row.Line, $"duplicate row for {year} {category}");
                continue;
            }
            if (year != fiscalYear)
            {
                continue;
            }
            switch (category)
            {
                case "FAMILY":
                    family = limit;
                    break;
                case "EMPLOYMENT":
                    employment = limit;
                    break;
                case "EW":
                    otherWorkers = limit;
                    break;
                default:
                    overrides[Enum.Parse<Preference>(category!)] = limit;
                    break;
            }
        }
        return new AnnualLimits(fiscalYear, family, employment, overrides, otherWorkers);
    }

    /// <summary>Every usage row.</summary>
    public static List<NumbersUsed> ReadUsage(string path, ProblemList problems)
    {
        var used = new List<NumbersUsed>();
        var seen = new HashSet<(YearMonth, VisaCategory, string)>();
        foreach (var row in CsvTable.Read(path, problems, "month", "category", "chargeability", "used"))
        {
            var ok = true;
            if (!Values.TryMonth(row["month"], out var month))
            {
                problems.Add(row.File, row.Line, $"month: expected yyyy-MM, got '{row["month"]}'");
                ok = false;
            }
            ok &= ScenarioReader.ReadCategory(row, problems, out var category);
            if (ok && category == VisaCategory.IR)
            {
                problems.Add(row.File, row.Line, "category: IR is not numerically limited");
                ok = false;
            }
            var chargeability = ScenarioReader.ReadArea(row, problems);
            if (!Values.TryCount(row["used"], out var count))
            {
                problems.Add(row.File, row.Line, $"used: expected a whole number of 0 or more, got '{row["used"]}'");
                ok = false;
            }
            if (!ok || chargeability is null)
            {
                continue;
            }
            if (!seen.Add((month, category, chargeability)))
            {
                problems.Add(row.File, row.Line, $"duplicate row for {Values.Format(month)} {category} {chargeability}");
                continue;
            }
            used.Add(new NumbersUsed(month, category, chargeability, count));
        }
        return used;
    }
}

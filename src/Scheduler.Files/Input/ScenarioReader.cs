using Scheduler.Core;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Numbers;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Categories;

namespace Scheduler.Files.Input;

/// <summary>The outcome of reading a scenario folder: the scenario, or every problem found.</summary>
public sealed record ScenarioReadResult(Scenario? Scenario, ProblemList Problems)
{
    /// <summary>True when the scenario was read with no problem.</summary>
    public bool Succeeded => Scenario is not null && Problems.Count == 0;

    /// <summary>When the pools were derived from <c>limits.csv</c> and <c>usage.csv</c>, how.</summary>
    public DerivedNumbers? DerivedNumbers { get; init; }
}

/// <summary>Reads a scenario folder (the spec's input files) and checks it: every problem is
/// reported as <c>file:line: message</c>; nothing is half-read.</summary>
public static class ScenarioReader
{
    /// <summary>Reads the scenario in <paramref name="directory"/>.</summary>
    public static ScenarioReadResult Read(string directory)
    {
        var problems = new ProblemList();
        if (!Directory.Exists(directory))
        {
            problems.Add(directory, 0, "scenario folder not found");
            return new ScenarioReadResult(null, problems);
        }
        var settings = Required(directory, "settings.json", problems) is { } settingsPath ? SettingsReader.Read(settingsPath, problems) : null;
        var posts = Required(directory, "posts.json", problems) is { } postsPath ? PostsReader.Read(postsPath, problems) : null;
        var bulletin = Required(directory, "bulletin.csv", problems) is { } bulletinPath ? ReadBulletin(bulletinPath, problems) : null;
        var numbersPath = Path.Combine(directory, "numbers.csv");
        var numbers = File.Exists(numbersPath) ? ReadNumbers(numbersPath, problems) : VisaNumberLimits.None;
        var casesPath = Required(directory, "cases.csv", problems);
        var applicantsPath = Required(directory, "applicants.csv", problems);
        var cases = casesPath is not null && applicantsPath is not null
            ? CasesReader.Read(casesPath, applicantsPath, posts?.Select(p => p.Code).ToHashSet(StringComparer.OrdinalIgnoreCase), problems)
            : null;

        // Without numbers.csv, limits.csv and usage.csv (either one) derive the month's pools from the Act.
        var limitsPath = Path.Combine(directory, "limits.csv");
        var usagePath = Path.Combine(directory, "usage.csv");
        DerivedNumbers? derived = null;
        if (!File.Exists(numbersPath) && (File.Exists(limitsPath) || File.Exists(usagePath)) && settings is not null)
        {
            var fiscalYear = FiscalCalendar.FiscalYear(settings.Value.Month);
            var limits = File.Exists(limitsPath) ? NumbersLawReader.ReadLimits(limitsPath, fiscalYear, problems) : new AnnualLimits(fiscalYear);
            var usage = File.Exists(usagePath) ? NumbersLawReader.ReadUsage(usagePath, problems) : [];
            if (problems.Count == 0 && cases is not null)
            {
                derived = NumbersLaw.Derive(limits, usage, settings.Value.Month, NumbersLaw.DemandOf(cases, settings.Value.AsOf));
                numbers = derived.Limits;
            }
        }

        if (problems.Count > 0 || settings is null || posts is null || bulletin is null || cases is null)
        {
            return new ScenarioReadResult(null, problems);
        }
        return new ScenarioReadResult(new Scenario(settings.Value.Month, settings.Value.AsOf, cases, posts, bulletin, numbers), problems)
        {
            DerivedNumbers = derived,
        };
    }

    private static string? Required(string directory, string name, ProblemList problems)
    {
        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            return path;
        }
        problems.Add(name, 0, "required file is missing");
        return null;
    }

    private static VisaBulletin ReadBulletin(string path, ProblemList problems)
    {
        var cells = new Dictionary<(VisaCategory, string), FinalActionDate>();
        foreach (var row in CsvTable.Read(path, problems, "category", "chargeability", "final_action"))
        {
            var ok = ReadCategory(row, problems, out var category);
            var chargeability = ReadArea(row, problems);
            if (!Values.TryFinalAction(row["final_action"], out var value))
            {
                problems.Add(row.File, row.Line, $"final_action: expected a date (yyyy-MM-dd), C or U, got '{row["final_action"]}'");
                ok = false;
            }
            if (row["dates_for_filing"] is { } filing && !Values.TryFinalAction(filing, out _))
            {
                problems.Add(row.File, row.Line, $"dates_for_filing: expected a date (yyyy-MM-dd), C or U, got '{filing}'");
            }
            if (!ok || chargeability is null)
            {
                continue;
            }
            if (!cells.TryAdd((category, chargeability), value))
            {
                problems.Add(row.File, row.Line, $"duplicate row for {category} {chargeability}");
            }
        }
        return new VisaBulletin(cells.Select(kv => new KeyValuePair<(VisaCategory, string), FinalActionDate>(kv.Key, kv.Value)));
    }

    private static VisaNumberLimits ReadNumbers(string path, ProblemList problems)
    {
        var pools = new Dictionary<VisaNumberPoolKey, int>();
        foreach (var row in CsvTable.Read(path, problems, "category", "chargeability", "available"))
        {
            var ok = ReadCategory(row, problems, out var category);
            var chargeability = ReadArea(row, problems);
            if (!Values.TryCount(row["available"], out var available))
            {
                problems.Add(row.File, row.Line, $"available: expected a whole number of 0 or more, got '{row["available"]}'");
                ok = false;
            }
            if (ok && category == VisaCategory.IR)
            {
                problems.Add(row.File, row.Line, "category: IR is not numerically limited");
                ok = false;
            }
            if (ok && chargeability is not null && !pools.TryAdd(new VisaNumberPoolKey(category, chargeability), available))
            {
                problems.Add(row.File, row.Line, $"duplicate row for {category} {chargeability}");
            }
        }
        return new VisaNumberLimits(pools);
    }

    internal static bool ReadCategory(CsvRow row, ProblemList problems, out VisaCategory category)
    {
        var text = row["category"];
        if (text is null)
        {
            problems.Add(row.File, row.Line, "category: required value is missing");
            category = default;
            return false;
        }
        if (!VisaCategories.TryParse(text, out category))
        {
            problems.Add(row.File, row.Line, $"category: unknown category '{text}'");
            return false;
        }
        return true;
    }

    internal static string? ReadArea(CsvRow row, ProblemList problems)
    {
        var text = row["chargeability"];
        if (text is null)
        {
            problems.Add(row.File, row.Line, "chargeability: required value is missing");
            return null;
        }
        if (!string.Equals(text, VisaBulletin.AllAreas, StringComparison.OrdinalIgnoreCase) && !Values.IsCountryCode(text))
        {
            problems.Add(row.File, row.Line, $"chargeability: expected ALL or a two-letter country code, got '{text}'");
            return null;
        }
        return text.ToUpperInvariant();
    }
}

using Scheduler.Core;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Scenarios;

namespace Scheduler.Files.Input;

/// <summary>The outcome of reading a scenario folder: the scenario, or every problem found.</summary>
public sealed record ScenarioReadResult(Scenario? Scenario, ProblemList Problems)
{
    /// <summary>True when the scenario was read with no problem.</summary>
    public bool Succeeded => Scenario is not null && Problems.Count == 0;

    /// <summary>The scenario as the files give it, set whenever every file parsed (even when the
    /// <see cref="ScenarioAssembler"/> then found problems across records); null otherwise.</summary>
    public ScenarioInputs? Inputs { get; init; }

    /// <summary>When the pools were derived from <c>limits.csv</c> and <c>usage.csv</c>, how.</summary>
    public DerivedNumbers? DerivedNumbers => Scenario?.Derivation;
}

/// <summary>Reads a scenario folder (the spec's input files) into <see cref="ScenarioInputs"/> and
/// has the <see cref="ScenarioAssembler"/> check it: every problem is reported as
/// <c>file:line: message</c>; nothing is half-read.</summary>
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
        var lines = new ScenarioLines();
        var settings = Required(directory, "settings.json", problems) is { } settingsPath ? SettingsReader.Read(settingsPath, problems) : null;
        var posts = Required(directory, "posts.json", problems) is { } postsPath ? PostsReader.Read(postsPath, problems) : null;
        var bulletin = Required(directory, "bulletin.csv", problems) is { } bulletinPath ? ReadBulletin(bulletinPath, problems) : null;
        var casesPath = Required(directory, "cases.csv", problems);
        var applicantsPath = Required(directory, "applicants.csv", problems);
        var cases = casesPath is not null && applicantsPath is not null ? CasesReader.Read(casesPath, applicantsPath, problems) : null;
        var numbers = ReadNumbers(directory, problems, lines);
        if (posts is null || cases is null)
        {
            // Whether case posts exist cannot be judged without the posts, nor anything about cases without them.
            return new ScenarioReadResult(null, problems);
        }
        lines.Posts.AddRange(posts.Select(p => p.Line));
        lines.Cases.AddRange(cases.CaseLines);
        lines.Applicants.AddRange(cases.ApplicantLines);
        lines.Bulletin.AddRange(bulletin?.Select(b => b.Line) ?? []);
        var (month, asOf) = settings ?? default;
        var inputs = new ScenarioInputs(month, asOf, posts.Select(p => p.Post).ToList(), cases.Cases,
            bulletin?.Select(b => b.Entry).ToList() ?? [], numbers);
        if (problems.Count > 0 || settings is null || bulletin is null)
        {
            // Some rows did not parse: the checks across records still run on the rest, so that one
            // run reports as much as it can.
            lines.Report(ScenarioAssembler.Check(inputs), problems);
            return new ScenarioReadResult(null, problems);
        }
        var assembly = ScenarioAssembler.Assemble(inputs);
        lines.Report(assembly.Problems, problems);
        return new ScenarioReadResult(assembly.Scenario, problems) { Inputs = inputs };
    }

    /// <summary><c>numbers.csv</c> when present (then <c>limits.csv</c> and <c>usage.csv</c> are not
    /// read: the pools given win); else <c>limits.csv</c> and <c>usage.csv</c>, either one, to derive
    /// the pools from the Act.</summary>
    private static NumbersInput ReadNumbers(string directory, ProblemList problems, ScenarioLines lines)
    {
        var numbersPath = Path.Combine(directory, "numbers.csv");
        if (File.Exists(numbersPath))
        {
            var pools = ReadPools(numbersPath, problems);
            lines.Numbers.AddRange(pools.Select(p => p.Line));
            return new NumbersInput { Pools = pools.Select(p => p.Entry).ToList() };
        }
        var limitsPath = Path.Combine(directory, "limits.csv");
        var usagePath = Path.Combine(directory, "usage.csv");
        var limits = File.Exists(limitsPath) ? NumbersLawReader.ReadLimits(limitsPath, problems) : null;
        var usage = File.Exists(usagePath) ? NumbersLawReader.ReadUsage(usagePath, problems) : null;
        lines.Limits.AddRange(limits?.Select(l => l.Line) ?? []);
        lines.Usage.AddRange(usage?.Select(u => u.Line) ?? []);
        return new NumbersInput { Limits = limits?.Select(l => l.Entry).ToList(), Usage = usage?.Select(u => u.Used).ToList() };
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

    internal static List<(BulletinEntry Entry, int Line)> ReadBulletin(string path, ProblemList problems)
    {
        var entries = new List<(BulletinEntry, int)>();
        foreach (var row in CsvTable.Read(path, problems, "category", "chargeability", "final_action"))
        {
            var ok = ReadCategory(row, problems, out var category);
            var chargeability = ReadArea(row, problems);
            if (!Values.TryFinalAction(row["final_action"], out var value))
            {
                problems.Add(row.File, row.Line, $"final_action: expected a date (yyyy-MM-dd), C or U, got '{row["final_action"]}'");
                ok = false;
            }
            FinalActionDate? filing = null;
            if (row["dates_for_filing"] is { } filingText)
            {
                if (Values.TryFinalAction(filingText, out var parsed))
                {
                    filing = parsed;
                }
                else
                {
                    problems.Add(row.File, row.Line, $"dates_for_filing: expected a date (yyyy-MM-dd), C or U, got '{filingText}'");
                }
            }
            if (ok && chargeability is not null)
            {
                entries.Add((new BulletinEntry(category, chargeability, value, filing), row.Line));
            }
        }
        return entries;
    }

    internal static List<(NumberPoolEntry Entry, int Line)> ReadPools(string path, ProblemList problems)
    {
        var pools = new List<(NumberPoolEntry, int)>();
        foreach (var row in CsvTable.Read(path, problems, "category", "chargeability", "available"))
        {
            var ok = ReadCategory(row, problems, out var category);
            var chargeability = ReadArea(row, problems);
            if (!Values.TryCount(row["available"], out var available))
            {
                problems.Add(row.File, row.Line, $"available: expected a whole number of 0 or more, got '{row["available"]}'");
                ok = false;
            }
            if (ok && chargeability is not null)
            {
                pools.Add((new NumberPoolEntry(category, chargeability, available), row.Line));
            }
        }
        return pools;
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

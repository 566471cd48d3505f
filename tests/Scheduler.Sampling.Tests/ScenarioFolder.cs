using System.Collections.Concurrent;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Sampling.Tests;

/// <summary>A generated sample read back from disk, with the spec's rules (post assignment, current
/// under the bulletin, eligibility, seats) re-implemented here independently of the generator.</summary>
internal sealed class ScenarioFolder
{
    public static readonly LocalDate AsOf = new(2026, 11, 16);

    private static readonly ConcurrentDictionary<(SampleProfile, int), Lazy<ScenarioFolder>> Cache = new();

    private readonly Dictionary<(string, string), string> _bulletin;
    private readonly Dictionary<string, int> _traveling;

    private ScenarioFolder(string directory)
    {
        Directory = directory;
        Cases = new CsvFile(Path.Combine(directory, "cases.csv"));
        Applicants = new CsvFile(Path.Combine(directory, "applicants.csv"));
        Bulletin = new CsvFile(Path.Combine(directory, "bulletin.csv"));
        Numbers = new CsvFile(Path.Combine(directory, "numbers.csv"));
        using var posts = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "posts.json")));
        Posts = [.. posts.RootElement.EnumerateArray().Select(p => p.Clone())];
        _bulletin = Bulletin.Rows.ToDictionary(r => (Bulletin[r, "category"], Bulletin[r, "chargeability"]), r => Bulletin[r, "final_action"]);
        _traveling = Applicants.Rows.Where(r => Applicants[r, "traveling"] == "Y")
            .GroupBy(r => Applicants[r, "case_id"]).ToDictionary(g => g.Key, g => g.Count());
    }

    public string Directory { get; }
    public CsvFile Cases { get; }
    public CsvFile Applicants { get; }
    public CsvFile Bulletin { get; }
    public CsvFile Numbers { get; }
    public JsonElement[] Posts { get; }

    /// <summary>The sample for a profile and seed, generated once per test run into a temp folder.</summary>
    public static ScenarioFolder Get(SampleProfile profile, int seed) =>
        Cache.GetOrAdd((profile, seed), key => new Lazy<ScenarioFolder>(() => new ScenarioFolder(TempFolders.Write(key.Item1, key.Item2)))).Value;

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    /// <summary>The spec's post assignment: the given post, else by residence then nationality the
    /// first post designated for it, else the first that serves it; null is NO_POST.</summary>
    public string? PostOf(string[] c)
    {
        if (Cases[c, "post"] is { Length: > 0 } given)
        {
            return given;
        }
        foreach (var country in new[] { Cases[c, "residence"], Cases[c, "nationality"] })
        {
            var post = Posts.FirstOrDefault(p => Strings(p, "designatedFor").Contains(country));
            if (post.ValueKind == JsonValueKind.Undefined)
            {
                post = Posts.FirstOrDefault(p => Strings(p, "serves").Contains(country));
            }
            if (post.ValueKind != JsonValueKind.Undefined)
            {
                return post.GetProperty("code").GetString();
            }
        }
        return null;
    }

    /// <summary>The bulletin/numbers column of a case: its own country's row if there is one, else ALL.</summary>
    public string Area(string[] c, CsvFile table) =>
        table.Rows.Any(r => table[r, "category"] == Cases[c, "category"] && table[r, "chargeability"] == Cases[c, "chargeability"])
            ? Cases[c, "chargeability"] : "ALL";

    public bool IsCurrent(string[] c)
    {
        var category = Cases[c, "category"];
        if (category == "IR")
        {
            return true;
        }
        var cell = _bulletin.GetValueOrDefault((category, Cases[c, "chargeability"])) ?? _bulletin.GetValueOrDefault((category, "ALL"));
        return cell == "C" || (cell is not null and not "U" && Date(Cases[c, "priority_date"]) < Date(cell));
    }

    public int Traveling(string[] c) => _traveling.GetValueOrDefault(Cases[c, "case_id"]);

    /// <summary>Rule 1: qualified by asOf, current, someone traveling and a post.</summary>
    public bool IsEligible(string[] c) =>
        Cases[c, "dq_date"] is { Length: > 0 } dq && Date(dq) <= AsOf && IsCurrent(c) && Traveling(c) > 0 && PostOf(c) is not null;

    /// <summary>Traveling applicants of eligible cases, per post.</summary>
    public Dictionary<string, int> DemandByPost() =>
        Cases.Rows.Where(IsEligible).GroupBy(c => PostOf(c)!).ToDictionary(g => g.Key, g => g.Sum(Traveling));

    /// <summary>Traveling applicants of eligible cases in limited categories, per numbers.csv pool.</summary>
    public Dictionary<(string Category, string Area), int> DemandByPool() =>
        Cases.Rows.Where(c => Cases[c, "category"] != "IR" && IsEligible(c))
            .GroupBy(c => (Cases[c, "category"], Area(c, Numbers))).ToDictionary(g => g.Key, g => g.Sum(Traveling));

    public static int Seats(JsonElement post) => SeatCounter.Seats(post, AsOf);

    public static string[] Strings(JsonElement post, string property) =>
        post.TryGetProperty(property, out var values) ? [.. values.EnumerateArray().Select(v => v.GetString()!)] : [];
}

using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace Scheduler.Verification;

/// <summary>The scenario as verify reads it.</summary>
internal sealed class World
{
    public LocalDate AsOf;
    public int Year;
    public int Month;
    public List<PostInfo> Posts = [];
    public Dictionary<string, PostInfo> PostByCode = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<(string, string), string> Bulletin = [];
    public Dictionary<(string, string), int> Numbers = [];
    public HashSet<string> NumberedCategories = [];
    public List<CaseInfo> Cases = [];
    public Dictionary<string, CaseInfo> CaseById = new(StringComparer.Ordinal);

    public static World? Load(string dir, List<string> problems, string? scheduleDir = null)
    {
        var w = new World();
        using (var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "settings.json"))))
        {
            var month = settings.RootElement.GetProperty("month").GetString()!;
            w.Year = int.Parse(month[..4], CultureInfo.InvariantCulture);
            w.Month = int.Parse(month[5..7], CultureInfo.InvariantCulture);
            w.AsOf = ScheduleVerifier.Date(settings.RootElement.GetProperty("asOf").GetString()) ?? throw new FormatException("settings.json: asOf");
        }
        using (var posts = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "posts.json"))))
        {
            foreach (var p in posts.RootElement.EnumerateArray())
            {
                var post = PostInfo.Read(p, w);
                w.Posts.Add(post);
                w.PostByCode.TryAdd(post.Code, post);
            }
        }
        foreach (var row in Files.Csv(Path.Combine(dir, "bulletin.csv"), problems) ?? [])
        {
            w.Bulletin[(row.Get("category")!.ToUpperInvariant(), row.Get("chargeability")!.ToUpperInvariant())] = row.Get("final_action")!.ToUpperInvariant();
        }
        // Pools derived from limits.csv and usage.csv are written beside the schedule as numbers.csv.
        var numbersFile = File.Exists(Path.Combine(dir, "numbers.csv")) ? Path.Combine(dir, "numbers.csv")
            : scheduleDir is not null && File.Exists(Path.Combine(scheduleDir, "numbers.csv")) ? Path.Combine(scheduleDir, "numbers.csv")
            : null;
        if (numbersFile is not null)
        {
            foreach (var row in Files.Csv(numbersFile, problems) ?? [])
            {
                var category = row.Get("category")!.ToUpperInvariant();
                w.Numbers[(category, row.Get("chargeability")!.ToUpperInvariant())] = int.Parse(row.Get("available")!, CultureInfo.InvariantCulture);
                w.NumberedCategories.Add(category);
            }
        }
        var cases = Files.Csv(Path.Combine(dir, "cases.csv"), problems);
        var applicants = Files.Csv(Path.Combine(dir, "applicants.csv"), problems);
        if (cases is null || applicants is null)
        {
            return null;
        }
        foreach (var row in cases)
        {
            var c = CaseInfo.Read(row);
            w.Cases.Add(c);
            w.CaseById[c.Id] = c;
        }
        foreach (var row in applicants)
        {
            if (w.CaseById.TryGetValue(row.Get("case_id") ?? "", out var c))
            {
                var traveling = !string.Equals(row.Get("traveling"), "N", StringComparison.OrdinalIgnoreCase);
                c.Applicants.Add((row.Get("applicant_id")!, traveling));
                if (traveling)
                {
                    c.Size++;
                    if (ScheduleVerifier.Date(row.Get("docs_expire")) is { } e && (c.DocsLimit is null || e < c.DocsLimit))
                    {
                        c.DocsLimit = e;
                    }
                }
            }
        }
        foreach (var c in w.Cases)
        {
            w.Classify(c);
        }
        return w;
    }

    private void Classify(CaseInfo c)
    {
        c.Post = c.GivenPost is { } given ? PostByCode.GetValueOrDefault(given) : ForCountry(c.Residence) ?? ForCountry(c.Nationality);
        c.Pool = c.Category != "IR" && NumberedCategories.Contains(c.Category)
            ? (Numbers.ContainsKey((c.Category, c.Chargeability)) ? (c.Category, c.Chargeability)
                : Numbers.ContainsKey((c.Category, "ALL")) ? (c.Category, "ALL") : (c.Category, c.Chargeability))
            : null;
        if (c.Qualified is not { } dq || dq > AsOf)
        {
            c.StaticReason = "NOT_QUALIFIED";
        }
        else if (!IsCurrent(c))
        {
            c.StaticReason = "NOT_CURRENT";
        }
        else if (c.Size == 0)
        {
            c.StaticReason = "NO_TRAVELING_APPLICANTS";
        }
        else if (c.Post is null)
        {
            c.StaticReason = "NO_POST";
        }
        else if (c.Post.FirstDate is { } first && c.DocsLimit is { } limit && limit < first)
        {
            c.StaticReason = "DOCUMENTS_EXPIRE";
        }
    }

    private bool IsCurrent(CaseInfo c)
    {
        if (c.Category == "IR")
        {
            return true;
        }
        if (!Bulletin.TryGetValue((c.Category, c.Chargeability), out var cell) && !Bulletin.TryGetValue((c.Category, "ALL"), out cell))
        {
            return false;
        }
        return cell == "C" || (ScheduleVerifier.Date(cell) is { } cutoff && c.Priority < cutoff);
    }

    private PostInfo? ForCountry(string? country)
    {
        if (country is null)
        {
            return null;
        }
        return Posts.FirstOrDefault(p => p.DesignatedFor.Contains(country)) ?? Posts.FirstOrDefault(p => p.Serves.Contains(country));
    }
}

internal sealed class CaseInfo
{
    public string Id = "";
    public string Category = "";
    public string VisaClass = "";
    public LocalDate Priority;
    public LocalDate? Qualified;
    public string Chargeability = "";
    public string? GivenPost;
    public string? Residence;
    public string? Nationality;
    public string Language = "en";
    public string Source = "PIVOT";
    public bool Expedite;
    public List<(string Id, bool Traveling)> Applicants = [];
    public int Size;
    public LocalDate? DocsLimit;
    public LocalDate? InterviewBy;
    public PostInfo? Post;
    public (string, string)? Pool;
    public string? StaticReason;

    public static CaseInfo Read(Dictionary<string, string> row)
    {
        var category = row.Get("category")!.ToUpperInvariant();
        return new CaseInfo
        {
            Id = row.Get("case_id")!,
            Category = category,
            VisaClass = row.Get("visa_class")?.ToUpperInvariant() ?? category,
            Priority = ScheduleVerifier.Date(row.Get("priority_date")) ?? throw new FormatException("cases.csv: priority_date"),
            Qualified = ScheduleVerifier.Date(row.Get("dq_date")),
            Chargeability = row.Get("chargeability")!.ToUpperInvariant(),
            GivenPost = row.Get("post")?.ToUpperInvariant(),
            Residence = row.Get("residence")?.ToUpperInvariant(),
            Nationality = row.Get("nationality")?.ToUpperInvariant(),
            Language = row.Get("language")?.ToLowerInvariant() ?? "en",
            Source = row.Get("system_source")?.ToUpperInvariant() ?? "PIVOT",
            Expedite = string.Equals(row.Get("expedite"), "Y", StringComparison.OrdinalIgnoreCase),
            InterviewBy = ScheduleVerifier.Date(row.Get("interview_by")),
        };
    }

    public string Group => Category == "IR" ? "IR" : Category.StartsWith('F') ? "FAMILY" : "EMPLOYMENT";

    public string Value(string dimension) => dimension.ToLowerInvariant() switch
    {
        "group" => Group,
        "category" => Category,
        "visaclass" => VisaClass,
        "chargeability" => Chargeability,
        "systemsource" => Source,
        _ => Language,
    };
}

internal sealed class PostInfo
{
    public string Code = "";
    public HashSet<string> Serves = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> DesignatedFor = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<(LocalDate, string), int> Sessions = [];
    public LocalDate? FirstDate;
    public List<(string Dimension, string Value, bool IsMax, decimal Share)> Mix = [];

    public static PostInfo Read(JsonElement p, World w)
    {
        var post = new PostInfo { Code = p.GetProperty("code").GetString()!.ToUpperInvariant() };
        post.Serves.UnionWith(Strings(p, "serves"));
        post.DesignatedFor.UnionWith(Strings(p, "designatedFor"));
        var weekend = p.TryGetProperty("weekend", out _) ? Strings(p, "weekend").Select(d => d.ToLowerInvariant()).ToHashSet() : ["saturday", "sunday"];
        var closed = Strings(p, "closed").Select(ScheduleVerifier.Date).ToHashSet();
        var notice = p.TryGetProperty("minNoticeDays", out var n) ? n.GetInt32() : 30;
        var earliest = w.AsOf.PlusDays(notice);
        var days = new Dictionary<LocalDate, JsonElement>();
        if (p.TryGetProperty("days", out var d) && d.ValueKind == JsonValueKind.Object)
        {
            foreach (var day in d.EnumerateObject())
            {
                if (ScheduleVerifier.Date(day.Name) is { } date)
                {
                    days[date] = day.Value;
                }
            }
        }
        for (var date = new LocalDate(w.Year, w.Month, 1); date.Month == w.Month; date = date.PlusDays(1))
        {
            if (date < earliest || weekend.Contains(date.DayOfWeek.ToString().ToLowerInvariant()) || closed.Contains(date))
            {
                continue;
            }
            var list = days.TryGetValue(date, out var over) ? over : p.TryGetProperty("sessions", out var s) ? s : default;
            if (list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var session in list.EnumerateArray())
            {
                var capacity = session.GetProperty("applicants").GetInt32();
                if (capacity > 0)
                {
                    post.Sessions[(date, session.GetProperty("start").GetString()!)] = capacity;
                    post.FirstDate ??= date;
                }
            }
        }
        if (p.TryGetProperty("mix", out var mix) && mix.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in mix.EnumerateArray())
            {
                var isMax = rule.TryGetProperty("max", out var max);
                var share = isMax ? max.GetDecimal() : rule.GetProperty("target").GetDecimal();
                post.Mix.Add((rule.GetProperty("dimension").GetString()!, rule.GetProperty("value").GetString()!, isMax, share));
            }
        }
        return post;
    }

    private static IEnumerable<string> Strings(JsonElement p, string name) =>
        p.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(e => e.GetString() ?? "") : [];
}

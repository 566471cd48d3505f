using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Files.Json;

namespace Scheduler.Files.Input;

/// <summary>Reads one element of <c>posts.json</c>, a post and its capacity profile, with every check a
/// post gets wherever it comes from (<c>posts.json</c>, or one entry on its own through
/// <see cref="PostProfileJson"/>): problems are named by <c>where</c> (<c>posts[0] (MNL).closed</c>)
/// and located by the line of the source they are in.</summary>
internal static class PostElement
{
    /// <summary>The post of <paramref name="node"/>, or null when it has no code (or is not an object);
    /// a post is returned with its other problems reported, so that every one is found.</summary>
    public static Post? Read(JsonTree node, string where, PostProblems problems)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            problems.Add(node.Line, $"{where}: expected an object");
            return null;
        }
        var code = node["code"];
        if (code?.Kind != JsonValueKind.String || string.IsNullOrWhiteSpace(code.Text))
        {
            problems.Add(code?.Line ?? node.Line, $"{where}.code: required value is missing");
            return null;
        }
        where = $"{where} ({code.Text})";
        WarnUnknown(node, where, problems, "code", "name", "country", "timeZone", "serves", "designatedFor", "weekend", "closed",
            "minNoticeDays", "sessions", "days", "mix");
        var timeZone = DateTimeZone.Utc;
        if (node["timeZone"] is { } tz)
        {
            if (tz.Text is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz.Text) is not { } zone)
            {
                problems.Add(tz.Line, $"{where}.timeZone: unknown time zone '{tz.Text}'");
            }
            else
            {
                timeZone = zone;
            }
        }
        var minNotice = 30;
        if (node["minNoticeDays"] is { } notice && (notice.Kind != JsonValueKind.Number || !int.TryParse(notice.Text, NumberStyles.None, CultureInfo.InvariantCulture, out minNotice)))
        {
            problems.Add(notice.Line, $"{where}.minNoticeDays: expected a whole number of 0 or more, got '{notice.Text}'");
        }
        var weekend = node["weekend"] is { } weekendNode
            ? Strings(weekendNode, $"{where}.weekend", problems).Select((d, i) => (d.Line, d.Text, Index: i, Day: ParseDay(d.Text))).Where(d =>
            {
                if (d.Day is null)
                {
                    problems.Add(d.Line, $"{where}.weekend[{d.Index}]: unknown day name '{d.Text}' (expected Monday to Sunday)");
                }
                return d.Day is not null;
            }).Select(d => d.Day!.Value).ToHashSet()
            : [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

        var closed = new HashSet<LocalDate>();
        foreach (var (line, text) in node["closed"] is { } closedNode ? Strings(closedNode, $"{where}.closed", problems) : [])
        {
            if (Values.TryDate(text, out var date))
            {
                closed.Add(date);
            }
            else
            {
                problems.Add(line, $"{where}.closed: bad date '{text}' (expected yyyy-MM-dd)");
            }
        }

        var sessions = node["sessions"] is { } sessionsNode ? Sessions(sessionsNode, $"{where}.sessions", problems) : [];
        var days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>();
        if (node["days"] is { } daysNode)
        {
            if (daysNode.Kind != JsonValueKind.Object)
            {
                problems.Add(daysNode.Line, $"{where}.days: expected an object of date -> sessions");
            }
            foreach (var (key, value) in daysNode.Properties)
            {
                if (!Values.TryDate(key, out var date))
                {
                    problems.Add(value.Line, $"{where}.days: bad date '{key}' (expected yyyy-MM-dd)");
                    continue;
                }
                days[date] = Sessions(value, $"{where}.days[{key}]", problems);
            }
        }

        return new Post
        {
            Code = code.Text.Trim(),
            Name = node["name"]?.Text ?? "",
            Country = node["country"]?.Text ?? "",
            TimeZone = timeZone,
            Serves = Countries(node["serves"], $"{where}.serves", problems),
            DesignatedFor = Countries(node["designatedFor"], $"{where}.designatedFor", problems),
            Weekend = weekend,
            Closed = closed,
            MinNoticeDays = minNotice,
            Sessions = sessions,
            Days = days,
            Mix = node["mix"] is { } mix ? MixRules(mix, $"{where}.mix", problems) : [],
        };
    }

    /// <summary>A property the spec does not know is ignored (formats grow by new optional fields),
    /// but said, so that a misspelt one (<c>"sesions"</c>) does not pass unnoticed; where the reader
    /// refuses unknown properties (an upload, which replaces the whole profile) it is a problem.</summary>
    private static void WarnUnknown(JsonTree node, string where, PostProblems problems, params string[] known)
    {
        foreach (var (name, line) in node.UnknownProperties(known))
        {
            if (problems.RefuseUnknownProperties)
            {
                problems.Add(line, $"{where}.{name}: unknown property (not a field of a profile; check its spelling)");
            }
            else
            {
                problems.Warn(line, $"{where}: unknown property '{name}' ignored");
            }
        }
    }

    private static List<SessionTemplate> Sessions(JsonTree node, string where, PostProblems problems)
    {
        var sessions = new List<SessionTemplate>();
        if (node.Kind != JsonValueKind.Array)
        {
            problems.Add(node.Line, $"{where}: expected an array of sessions");
            return sessions;
        }
        var starts = new HashSet<LocalTime>();
        var index = -1;
        foreach (var item in node.Items)
        {
            // Each problem names its session by index (sessions[1]: applicants: ...), so that a form can show it beside the field.
            var at = $"{where}[{++index}]";
            if (item.Kind == JsonValueKind.Object)
            {
                WarnUnknown(item, at, problems, "start", "applicants");
            }
            var start = item.Kind == JsonValueKind.Object ? item["start"] : null;
            var applicants = item.Kind == JsonValueKind.Object ? item["applicants"] : null;
            if (start?.Text is null || !Values.TryTime(start.Text, out var time))
            {
                problems.Add(start?.Line ?? item.Line, $"{at}: start: expected HH:mm, got '{start?.Text}'");
                continue;
            }
            // The start is claimed before the capacity is judged, so that a session with a bad capacity still
            // reveals a later session at the same start (both are reported).
            var duplicate = !starts.Add(time);
            if (duplicate)
            {
                problems.Add(start.Line, $"{at}: duplicate start {start.Text}");
            }
            if (applicants?.Kind != JsonValueKind.Number || !Values.TryCount(applicants.Text, out var capacity))
            {
                problems.Add(applicants?.Line ?? item.Line, $"{at}: applicants: expected a whole number of 0 or more, got '{applicants?.Text}'");
                continue;
            }
            if (!duplicate)
            {
                sessions.Add(new SessionTemplate(time, capacity));
            }
        }
        return sessions;
    }

    private static List<MixRule> MixRules(JsonTree node, string where, PostProblems problems)
    {
        var rules = new List<MixRule>();
        if (node.Kind != JsonValueKind.Array)
        {
            problems.Add(node.Line, $"{where}: expected an array of rules");
            return rules;
        }
        var index = -1;
        foreach (var item in node.Items)
        {
            // As sessions: each problem names its rule by index (mix[1]: target: ...).
            var at = $"{where}[{++index}]";
            if (item.Kind != JsonValueKind.Object)
            {
                problems.Add(item.Line, $"{at}: expected a rule object");
                continue;
            }
            WarnUnknown(item, at, problems, "dimension", "value", "target", "max");
            var dimension = item["dimension"];
            var value = item["value"];
            var target = item["target"];
            var max = item["max"];
            if (dimension?.Text is null || !Enum.TryParse<MixDimension>(dimension.Text, ignoreCase: true, out var parsed) || int.TryParse(dimension.Text, out _))
            {
                problems.Add(dimension?.Line ?? item.Line, $"{at}: dimension: expected group, category, visaClass, chargeability, systemSource or language, got '{dimension?.Text}'");
                continue;
            }
            if (string.IsNullOrWhiteSpace(value?.Text))
            {
                problems.Add(value?.Line ?? item.Line, $"{at}: value: required value is missing");
                continue;
            }
            if ((target is null) == (max is null))
            {
                problems.Add(item.Line, $"{at}: a rule needs exactly one of 'target' and 'max'");
                continue;
            }
            var share = target ?? max!;
            if (share.Kind != JsonValueKind.Number || !decimal.TryParse(share.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction < 0 || fraction > 1)
            {
                problems.Add(share.Line, $"{at}: {(target is null ? "max" : "target")}: expected a share between 0 and 1, got '{share.Text}'");
                continue;
            }
            rules.Add(new MixRule(parsed, value.Text!.Trim(), target is null ? MixRuleKind.Max : MixRuleKind.Target, fraction));
        }
        if (rules.Count(r => r.Kind == MixRuleKind.Max) > MixRule.MaxPerKind
            || rules.Count(r => r.Kind == MixRuleKind.Target) > MixRule.MaxPerKind)
        {
            problems.Add(node.Line, $"{where}: at most {MixRule.MaxPerKind} rules of each kind");
        }
        return rules;
    }

    private static List<string> Countries(JsonTree? node, string where, PostProblems problems)
    {
        var countries = new List<string>();
        if (node is null)
        {
            return countries;
        }
        foreach (var (line, text) in Strings(node, where, problems))
        {
            if (Values.IsCountryCode(text))
            {
                countries.Add(text!.ToUpperInvariant());
            }
            else
            {
                problems.Add(line, $"{where}: expected a two-letter country code, got '{text}'");
            }
        }
        return countries;
    }

    private static IEnumerable<(int Line, string? Text)> Strings(JsonTree node, string where, PostProblems problems)
    {
        if (node.Kind != JsonValueKind.Array)
        {
            problems.Add(node.Line, $"{where}: expected an array of strings");
            return [];
        }
        return node.Items.Select(i => (i.Line, i.Kind == JsonValueKind.String ? i.Text : null));
    }

    private static IsoDayOfWeek? ParseDay(string? text) =>
        Enum.TryParse<IsoDayOfWeek>(text, ignoreCase: true, out var day) && day != IsoDayOfWeek.None && !int.TryParse(text, out _) ? day : null;
}

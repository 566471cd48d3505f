using System.Text;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>Writes posts.json laid out like the spec's example: one block per post, short arrays on
/// one line, one mix rule per line. Written by hand rather than by a JSON writer for that layout;
/// every value comes from the embedded tables or the generator and holds no character that JSON
/// would need to escape.</summary>
internal static class PostsJsonWriter
{
    public static void Write(string path, IReadOnlyList<PostPlan> plans)
    {
        var json = new StringBuilder();
        json.Append("[\n");
        for (var i = 0; i < plans.Count; i++)
        {
            WritePost(json, plans[i]);
            json.Append(i < plans.Count - 1 ? "  },\n" : "  }\n");
        }
        json.Append("]\n");
        using var writer = SampleFiles.CreateText(path);
        writer.Write(json);
    }

    private static void WritePost(StringBuilder json, PostPlan plan)
    {
        var (post, calendar, sessions) = (plan.Post, plan.Calendar, plan.Sessions);
        json.Append("  {\n");
        json.Append("    \"code\": ").Quote(post.Code).Append(", \"name\": ").Quote(post.Name)
            .Append(", \"country\": ").Quote(post.Country).Append(", \"timeZone\": ").Quote(post.TimeZone).Append(",\n");
        json.Append("    \"serves\": ").Strings(post.Serves)
            .Append(", \"designatedFor\": ").Strings(post.DesignatedFor.Select(d => d.Country)).Append(",\n");
        json.Append("    \"weekend\": ").Strings(post.Weekend.Select(d => d.ToString()))
            .Append(", \"closed\": ").Strings(calendar.Closed.Select(IsoText.ToIso))
            .Append(", \"minNoticeDays\": ").AppendInvariant(calendar.MinNoticeDays).Append(",\n");
        json.Append("    \"sessions\": ").Sessions(sessions.Regular).Append(",\n");
        json.Append("    \"days\": {");
        for (var i = 0; i < sessions.Overrides.Count; i++)
        {
            var (date, daySessions) = sessions.Overrides[i];
            json.Append(i == 0 ? " " : ", ").Quote(date.ToIso()).Append(": ").Sessions(daySessions);
        }
        json.Append(sessions.Overrides.Count > 0 ? " },\n" : "},\n");
        json.Append("    \"mix\": [");
        for (var i = 0; i < plan.Mix.Count; i++)
        {
            var rule = plan.Mix[i];
            json.Append(i == 0 ? "\n" : ",\n").Append("      { \"dimension\": ").Quote(rule.Dimension)
                .Append(", \"value\": ").Quote(rule.Value).Append(rule.IsMax ? ", \"max\": " : ", \"target\": ")
                .Append(rule.Share.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture)).Append(" }");
        }
        json.Append(plan.Mix.Count > 0 ? "\n    ]\n" : "]\n");
    }

    private static StringBuilder Sessions(this StringBuilder json, IReadOnlyList<SessionSlot> sessions)
    {
        json.Append('[');
        for (var i = 0; i < sessions.Count; i++)
        {
            json.Append(i == 0 ? "{ \"start\": " : ", { \"start\": ").Quote(sessions[i].Start)
                .Append(", \"applicants\": ").AppendInvariant(sessions[i].Applicants).Append(" }");
        }
        return json.Append(']');
    }

    private static StringBuilder Strings(this StringBuilder json, IEnumerable<string> values)
    {
        json.Append('[');
        var first = true;
        foreach (var value in values)
        {
            json.Append(first ? "" : ", ").Quote(value);
            first = false;
        }
        return json.Append(']');
    }

    private static StringBuilder Quote(this StringBuilder json, string value)
    {
        if (value.Any(c => c is '"' or '\\' || char.IsControl(c)))
        {
            throw new InvalidOperationException($"'{value}' would need JSON escaping; the sample tables must not contain such values");
        }
        return json.Append('"').Append(value).Append('"');
    }
}

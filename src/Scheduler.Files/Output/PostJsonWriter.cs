using System.Globalization;
using System.Text;
using Scheduler.Core.Posts;
using Scheduler.Files.Input;
using Scheduler.Files.Json;

namespace Scheduler.Files.Output;

/// <summary>Writes one post as a <c>posts.json</c> element, laid out as the spec's example and the
/// <c>sample</c> verb lay it out (one block per post, short arrays on one line, one mix rule per
/// line), so that a sampled <c>posts.json</c> read and written again is the same bytes.</summary>
internal static class PostJsonWriter
{
    /// <summary>Appends the element, each line after <paramref name="indent"/>, without a final line break.</summary>
    public static StringBuilder AppendPost(this StringBuilder json, Post post, string indent)
    {
        var inner = indent + "  ";
        json.Append(indent).Append("{\n");
        json.Append(inner).Append("\"code\": ").Quote(post.Code.Value).Append(", \"name\": ").Quote(post.Name)
            .Append(", \"country\": ").Quote(post.Country).Append(", \"timeZone\": ").Quote(post.TimeZone.Id).Append(",\n");
        json.Append(inner).Append("\"serves\": ").Strings(post.Serves).Append(", \"designatedFor\": ").Strings(post.DesignatedFor).Append(",\n");
        json.Append(inner).Append("\"weekend\": ").Strings(post.Weekend.Select(d => d.ToString()))
            .Append(", \"closed\": ").Strings(post.Closed.Select(Values.Format))
            .Append(", \"minNoticeDays\": ").Number(post.MinNoticeDays).Append(",\n");
        json.Append(inner).Append("\"sessions\": ").Sessions(post.Sessions).Append(",\n");
        json.Append(inner).Append("\"days\": {");
        var first = true;
        foreach (var (date, sessions) in post.Days)
        {
            json.Append(first ? " " : ", ").Quote(Values.Format(date)).Append(": ").Sessions(sessions);
            first = false;
        }
        json.Append(post.Days.Count > 0 ? " },\n" : "},\n");
        json.Append(inner).Append("\"mix\": [");
        for (var i = 0; i < post.Mix.Count; i++)
        {
            var rule = post.Mix[i];
            json.Append(i == 0 ? "\n" : ",\n").Append(inner).Append("  { \"dimension\": ").Quote(Dimension(rule.Dimension))
                .Append(", \"value\": ").Quote(rule.Value).Append(rule.Kind == MixRuleKind.Max ? ", \"max\": " : ", \"target\": ")
                .Append(Share(rule.Share)).Append(" }");
        }
        json.Append(post.Mix.Count > 0 ? "\n" + inner + "]\n" : "]\n");
        return json.Append(indent).Append('}');
    }

    /// <summary>A share with at least one decimal and no trailing zeros (0.5, 0.61, 1.0): exact, as
    /// <see cref="decimal"/> holds it, so nothing is rounded away.</summary>
    private static string Share(decimal share) => share.ToString("0.0###########################", CultureInfo.InvariantCulture);

    /// <summary>The dimension as the spec spells it: <c>group</c>, <c>visaClass</c>, <c>systemSource</c>.</summary>
    private static string Dimension(MixDimension dimension)
    {
        var name = dimension.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static StringBuilder Sessions(this StringBuilder json, IReadOnlyList<SessionTemplate> sessions)
    {
        json.Append('[');
        for (var i = 0; i < sessions.Count; i++)
        {
            json.Append(i == 0 ? "{ \"start\": " : ", { \"start\": ").Quote(Values.Format(sessions[i].Start))
                .Append(", \"applicants\": ").Number(sessions[i].Applicants).Append(" }");
        }
        return json.Append(']');
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scheduler.Core.Posts;
using Scheduler.Storage.Import;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage.Api;

/// <summary>A post's profile fields as compact JSON shaped like a <c>posts.json</c> element (for the audit log),
/// and the profile's ETag.</summary>
internal static class ProfileJson
{
    /// <summary>The quoted lower-case hex SHA-256 of the profile's canonical fingerprint: equal content, equal ETag.</summary>
    public static string ETag(Post post) => ETag(ProfileRows.Of(post).Fingerprint);

    public static string ETag(string fingerprint) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint))) + "\"";

    public static string Of(Post post)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("code", post.Code.Value);
            json.WriteStartArray("weekend");
            foreach (var day in post.Weekend.Order())
                json.WriteStringValue(day.ToString());
            json.WriteEndArray();
            json.WriteStartArray("closed");
            foreach (var day in post.Closed.Order())
                json.WriteStringValue(SqlText.Date(day));
            json.WriteEndArray();
            json.WriteNumber("minNoticeDays", post.MinNoticeDays);
            WriteSessions(json, "sessions", post.Sessions);
            json.WriteStartObject("days");
            foreach (var (day, sessions) in post.Days.OrderBy(d => d.Key))
                WriteSessions(json, SqlText.Date(day), sessions);
            json.WriteEndObject();
            json.WriteStartArray("mix");
            foreach (var rule in post.Mix)
            {
                json.WriteStartObject();
                json.WriteString("dimension", Codes.Dimension(rule.Dimension));
                json.WriteString("value", rule.Value);
                json.WriteNumber(Codes.Kind(rule.Kind), rule.Share);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSessions(Utf8JsonWriter json, string name, IReadOnlyList<SessionTemplate> sessions)
    {
        json.WriteStartArray(name);
        foreach (var session in sessions)
        {
            json.WriteStartObject();
            json.WriteString("start", session.Start.ToString(session.Start.Second == 0 && session.Start.NanosecondOfSecond == 0 ? "HH:mm" : "HH:mm:ss.FFFFFFFFF",
                System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("applicants", session.Applicants);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}

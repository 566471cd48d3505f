using System.Text.Json;
using Scheduler.Core.Posts;

namespace Scheduler.Api.Endpoints;

/// <summary>A post's identity (name, country, time zone, the countries it serves and is designated for) is NVC's, not
/// part of a monthly profile: an upload may repeat it as GET gives it, but one that changes it is refused rather than
/// silently dropped.</summary>
internal static class PostIdentity
{
    private const string NotAProfileField = "not part of a profile; NVC keeps a post's identity";

    /// <summary>Each identity field present in <paramref name="json"/> whose value in <paramref name="uploaded"/> differs from
    /// <paramref name="stored"/>, as validation errors keyed by the field.</summary>
    public static Dictionary<string, string[]> Changes(string json, Post uploaded, Post stored)
    {
        using var document = JsonDocument.Parse(json);
        var present = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Check(string field, bool same, string stored)
        {
            if (present.Contains(field) && !same)
            {
                errors[field] = [$"{NotAProfileField} (stored: {stored})"];
            }
        }
        Check("name", string.Equals(uploaded.Name, stored.Name, StringComparison.Ordinal), $"'{stored.Name}'");
        Check("country", string.Equals(uploaded.Country, stored.Country, StringComparison.Ordinal), $"'{stored.Country}'");
        Check("timeZone", string.Equals(uploaded.TimeZone.Id, stored.TimeZone.Id, StringComparison.Ordinal), $"'{stored.TimeZone.Id}'");
        Check("serves", uploaded.Serves.ToHashSet().SetEquals(stored.Serves), $"[{string.Join(", ", stored.Serves)}]");
        Check("designatedFor", uploaded.DesignatedFor.ToHashSet().SetEquals(stored.DesignatedFor), $"[{string.Join(", ", stored.DesignatedFor)}]");
        return errors;
    }
}

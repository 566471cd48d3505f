using System.Text.Json;

namespace Scheduler.Analysis.Explain;

/// <summary>Writing and reading a <see cref="CaseExplanation"/> as JSON (what <c>explain --json</c> prints).</summary>
public static class ExplainJson
{
    /// <summary>camelCase, indented, numbers as numbers.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The explanation as JSON text.</summary>
    public static string Write(CaseExplanation explanation) => JsonSerializer.Serialize(explanation, Options);

    /// <summary>Reads an explanation written by <see cref="Write"/>; throws <see cref="JsonException"/> when it is not one.</summary>
    public static CaseExplanation Read(string json) =>
        JsonSerializer.Deserialize<CaseExplanation>(json, Options) ?? throw new JsonException("explanation: empty");
}

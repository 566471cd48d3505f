using NodaTime;
using Scheduler.Files.Json;

namespace Scheduler.Files.Input;

/// <summary>Reads <c>settings.json</c>: the month and the run date.</summary>
internal static class SettingsReader
{
    public static (YearMonth Month, LocalDate AsOf)? Read(string path, ProblemList problems)
    {
        const string file = "settings.json";
        var root = JsonTree.Parse(File.ReadAllBytes(path), out var errorLine, out var error);
        if (root is null)
        {
            problems.Add(file, errorLine, error ?? "malformed JSON");
            return null;
        }
        if (root.Kind != System.Text.Json.JsonValueKind.Object)
        {
            problems.Add(file, root.Line, "expected a JSON object");
            return null;
        }
        foreach (var (name, line) in root.UnknownProperties("month", "asOf"))
        {
            problems.Warn(file, line, $"unknown property '{name}' ignored");
        }
        var monthNode = root["month"];
        var asOfNode = root["asOf"];
        YearMonth month = default;
        LocalDate asOf = default;
        var ok = true;
        if (monthNode?.Text is null || !Values.TryMonth(monthNode.Text, out month))
        {
            problems.Add(file, monthNode?.Line ?? root.Line, monthNode is null ? "month: required value is missing" : $"month: expected yyyy-MM, got '{monthNode.Text}'");
            ok = false;
        }
        if (asOfNode?.Text is null || !Values.TryDate(asOfNode.Text, out asOf))
        {
            problems.Add(file, asOfNode?.Line ?? root.Line, asOfNode is null ? "asOf: required value is missing" : $"asOf: expected yyyy-MM-dd, got '{asOfNode.Text}'");
            ok = false;
        }
        return ok ? (month, asOf) : null;
    }
}

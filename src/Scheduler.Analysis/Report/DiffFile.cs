using System.Text.Json;
using Scheduler.Analysis.WhatIf;

namespace Scheduler.Analysis.Report;

/// <summary>Reads a <c>diff.json</c> for a report strictly: a member missing or null where the records
/// need one is a problem, not a null the page would trip over.</summary>
public static class DiffFile
{
    /// <summary>The diff, or null and the problem as <c>file:line: message</c>.</summary>
    public static (WhatIfDiff? Diff, string? Problem) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return (null, $"{path}:0: no such file");
        }
        try
        {
            return JsonSerializer.Deserialize<WhatIfDiff>(File.ReadAllBytes(path), WhatIfJson.Options) is { } diff
                ? (diff, null)
                : (null, $"{path}:1: not a what-if diff.json (null)");
        }
        catch (JsonException e)
        {
            return (null, $"{path}:{(e.LineNumber ?? 0) + 1}: not a what-if diff.json: {e.Message}");
        }
    }
}

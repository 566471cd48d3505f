using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.Analysis.WhatIf;

namespace Scheduler.Analysis.Report;

/// <summary>Reads a <c>diff.json</c> for a report strictly: a member missing or null where the records
/// need one is a problem, not a null the page would trip over.</summary>
public static partial class DiffFile
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
            return (null, $"{path}:{(e.LineNumber ?? 0) + 1}: not a what-if diff.json: {Describe(e)}");
        }
    }

    /// <summary>Why <paramref name="diff"/> is not a what-if of the run <paramref name="run"/> describes,
    /// or null: its month is the run's and its baseline's input hash is the run's scenario's (the
    /// baseline is what a diff is shown beside).</summary>
    public static string? WhyNotOf(WhatIfDiff diff, RunMetadata run)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(run);
        if (diff.Month != run.Month)
        {
            return $"a what-if of {diff.Month}, but the schedule is of {run.Month}";
        }
        if (run.InputHash is { } hash && !string.Equals(diff.Baseline.InputHash, hash, StringComparison.OrdinalIgnoreCase))
        {
            return $"its baseline's input hash is {diff.Baseline.InputHash}, but this scenario's is {hash} (a what-if of other inputs)";
        }
        return null;
    }

    // The field as JSON names it ($.baseline.figures) and what is wrong with it, in place of the
    // serializer's words about .NET types and nullability annotations.
    private static string Describe(JsonException e)
    {
        var at = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        if (MissingPattern().Match(e.Message) is { Success: true } missing)
        {
            return $"{at}: missing {missing.Groups[1].Value}";
        }
        if (NullPattern().IsMatch(e.Message))
        {
            return $"{at}: null, where a value is needed";
        }
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"{at}: a value of the wrong kind (text, number, list or object)";
        }
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return $"{at}: {(cut >= 0 ? message[..cut] : message).TrimEnd()}";
    }

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$")]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"doesn't allow null values")]
    private static partial Regex NullPattern();
}

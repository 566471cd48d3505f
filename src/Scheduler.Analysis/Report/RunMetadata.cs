using System.Globalization;
using System.Text.Json;
using Scheduler.Core;
using Scheduler.Files.Input;
using Scheduler.Planning;

namespace Scheduler.Analysis.Report;

/// <summary>What a report says about the run that made the schedule: from its <c>summary.json</c> when
/// the file names it, else computed here (month and <c>asOf</c> from the scenario, the input hash from
/// the scenario's files, the engine version of this build, marked as such).</summary>
/// <param name="Month">The month planned, <c>yyyy-MM</c>.</param>
/// <param name="AsOf">The run's <c>asOf</c>, <c>yyyy-MM-dd</c>.</param>
/// <param name="Solver">The solver, or <c>unknown</c> without a <c>summary.json</c>.</param>
/// <param name="Seed">The solver's seed, when the summary names it.</param>
/// <param name="Workers">Worker threads, when the summary names them.</param>
/// <param name="Status">The solver's status (<c>OPTIMAL</c>, <c>FEASIBLE</c>), for CP-SAT runs.</param>
/// <param name="Gap">(bound - seated) / bound, for CP-SAT runs.</param>
/// <param name="EngineVersion">The engine's version.</param>
/// <param name="EngineVersionComputed">True when the summary did not name it and <see cref="EngineVersion"/> is this build's.</param>
/// <param name="InputHash">The scenario's input hash (null when it could not be computed).</param>
/// <param name="InputHashComputed">True when the summary did not name it and it was computed from the scenario.</param>
/// <param name="ElapsedMs">The run's wall time, when the summary gives it.</param>
public sealed record RunMetadata(
    string Month,
    string AsOf,
    string Solver,
    int? Seed,
    int? Workers,
    string? Status,
    double? Gap,
    string EngineVersion,
    bool EngineVersionComputed,
    string? InputHash,
    bool InputHashComputed,
    long? ElapsedMs)
{
    /// <summary>Per post, the solver's figures the summary gives (empty for first-fit runs).</summary>
    public IReadOnlyDictionary<string, PostSolverFigures> Posts { get; init; } = new Dictionary<string, PostSolverFigures>();

    /// <summary>The run's metadata from <paramref name="summary"/> (may be null), completed from the
    /// scenario; <paramref name="inputHash"/> is asked only when the summary names none (it gives a value
    /// computed by <c>ScenarioHash</c>, or the batch's; hashing a national scenario takes a second).</summary>
    public static RunMetadata From(Scenario scenario, JsonDocument? summary, Func<string?> inputHash)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(inputHash);
        var root = summary?.RootElement;
        string? Text(string name) => root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Int(string name) => root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
        var engine = Text("engineVersion");
        var hash = Text("inputHash");
        var computedHash = hash is null ? inputHash() : null;
        var posts = new Dictionary<string, PostSolverFigures>(StringComparer.OrdinalIgnoreCase);
        if (root is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("posts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var post in list.EnumerateArray())
            {
                if (post.ValueKind == JsonValueKind.Object && post.TryGetProperty("post", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    posts[code.GetString()!] = new PostSolverFigures(StringOf(post, "status"), DoubleOf(post, "gap"), StringOf(post, "source"));
                }
            }
        }
        return new RunMetadata(
            Text("month") ?? Values.Format(scenario.Month),
            Text("asOf") ?? Values.Format(scenario.AsOf),
            Text("solver") ?? "unknown",
            Int("seed"),
            Int("workers"),
            Text("status"),
            root is { ValueKind: JsonValueKind.Object } g ? DoubleOf(g, "gap") : null,
            engine ?? MonthlyPlanner.EngineVersion,
            engine is null,
            hash ?? computedHash,
            hash is null && computedHash is not null,
            root is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("elapsedMs", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetInt64(out var l) ? l : null)
        {
            Posts = posts,
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? DoubleOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>The gap as a percentage, or null.</summary>
    public string? GapText => Gap is { } gap ? (gap * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %" : null;
}

/// <summary>A post's solver figures as <c>summary.json</c> gives them.</summary>
/// <param name="Status">OPTIMAL or FEASIBLE.</param>
/// <param name="Gap">(bound - seated) / bound.</param>
/// <param name="Source">Where the post's schedule came from: <c>cpsat</c>, <c>first-fit</c>, <c>first-fit-fallback</c>.</param>
public sealed record PostSolverFigures(string? Status, double? Gap, string? Source);

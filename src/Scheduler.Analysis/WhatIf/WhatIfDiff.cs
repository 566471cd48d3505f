using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Analysis.WhatIf;

/// <summary>A what-if's <c>diff.json</c>: one baseline and each variant against it. Written by
/// <c>whatif</c>, read by programs and by <c>report --diff</c>. Figures are those of
/// <c>summary.json</c>; every compared figure is a <see cref="Pair"/>.</summary>
/// <param name="Month">The month planned, <c>yyyy-MM</c>.</param>
/// <param name="Solver">The solver of every run (<c>greedy</c> or <c>cpsat</c>).</param>
/// <param name="Seed">The seed of every run.</param>
/// <param name="Workers">Worker threads of every run.</param>
/// <param name="EngineVersion">The engine's version.</param>
/// <param name="Baseline">The run without changes.</param>
/// <param name="Variants">Each variant, in the order given.</param>
public sealed record WhatIfDiff(
    string Month,
    string Solver,
    int Seed,
    int Workers,
    string EngineVersion,
    RunDescription Baseline,
    IReadOnlyList<VariantDiff> Variants);

/// <summary>One run of a what-if: its scenario and schedule.</summary>
/// <param name="Name">"baseline" or the variant's name.</param>
/// <param name="Changes">The <c>KEY=VALUE</c> changes applied to the baseline's scenario (none for the baseline).</param>
/// <param name="AsOf">The run's <c>asOf</c>.</param>
/// <param name="InputHash">The run's scenario input hash.</param>
/// <param name="Figures">The run's overall figures.</param>
/// <param name="ElapsedMs">Wall time of the run's plan.</param>
/// <param name="PostsSolved">Posts whose CP-SAT search this run needed and the baseline did not (for the baseline: every post searched).</param>
/// <param name="PostsReused">Posts whose search answer is the baseline's (their model is the same).</param>
/// <param name="Scenario">The run's scenario folder, relative to the what-if's output folder (null when nothing was written).</param>
/// <param name="Schedule">The run's schedule folder, relative to the what-if's output folder (null when nothing was written).</param>
public sealed record RunDescription(
    string Name,
    IReadOnlyList<string> Changes,
    string AsOf,
    string InputHash,
    Figures Figures,
    long ElapsedMs,
    int PostsSolved,
    int PostsReused,
    string? Scenario,
    string? Schedule);

/// <summary>The figures of a run, as in <c>summary.json</c>.</summary>
public sealed record Figures(
    int ScheduledCases,
    long ScheduledApplicants,
    long Capacity,
    double Utilization,
    int FifoInversions,
    decimal MixDeviation,
    int InterviewByMisses);

/// <summary>A figure in the baseline and in the variant.</summary>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Variant">The variant's value.</param>
public sealed record Pair(decimal Baseline, decimal Variant)
{
    /// <summary>Variant minus baseline.</summary>
    public decimal Delta => Variant - Baseline;

    /// <summary>True when the two differ.</summary>
    [JsonIgnore]
    public bool Changed => Baseline != Variant;
}

/// <summary>One variant against the baseline.</summary>
/// <param name="Run">The variant's run.</param>
/// <param name="Overall">The month's figures compared.</param>
/// <param name="Categories">Seated cases and applicants per category, for every category seated in either run.</param>
/// <param name="Posts">Every post where any figure or the set of cases seated differs (posts alike in both runs are left out).</param>
/// <param name="Pools">Every numbers pool whose availability or use differs.</param>
/// <param name="Gained">Cases seated in the variant but not in the baseline, in post then queue order.</param>
/// <param name="Lost">Cases seated in the baseline but not in the variant.</param>
/// <param name="Moved">Cases seated in both, at another post, date or session.</param>
/// <param name="PostsUnchanged">Posts alike in both runs: the same cases seated, and the same figures.</param>
public sealed record VariantDiff(
    RunDescription Run,
    OverallDiff Overall,
    IReadOnlyList<CategoryDiff> Categories,
    IReadOnlyList<PostDiff> Posts,
    IReadOnlyList<PoolDiff> Pools,
    IReadOnlyList<CaseChange> Gained,
    IReadOnlyList<CaseChange> Lost,
    int Moved,
    int PostsUnchanged);

/// <summary>The month's figures in both runs.</summary>
public sealed record OverallDiff(
    Pair ScheduledCases,
    Pair ScheduledApplicants,
    Pair Capacity,
    Pair Utilization,
    Pair FifoInversions,
    Pair MixDeviation,
    Pair InterviewByMisses);

/// <summary>Seated cases and applicants of one category (one post's, or the month's).</summary>
public sealed record CategoryDiff(string Category, Pair Cases, Pair Applicants);

/// <summary>One post in both runs.</summary>
public sealed record PostDiff(
    string Post,
    Pair ScheduledCases,
    Pair ScheduledApplicants,
    Pair Capacity,
    Pair Utilization,
    Pair FifoInversions,
    Pair MixDeviation,
    IReadOnlyList<CategoryDiff> Categories)
{
    /// <summary>Cases the variant seats at the post and the baseline does not seat there (a post may
    /// trade cases with equal totals: it changed all the same).</summary>
    public int CasesIn { get; init; }

    /// <summary>Cases the baseline seats at the post and the variant does not seat there.</summary>
    public int CasesOut { get; init; }
}

/// <summary>One numbers pool in both runs: what it had and what was allocated from it.</summary>
public sealed record PoolDiff(string Category, string Chargeability, Pair Available, Pair Allocated);

/// <summary>A case seated in one run and not in the other.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Category">Its category.</param>
/// <param name="Chargeability">Its chargeability.</param>
/// <param name="PriorityDate">Its priority date.</param>
/// <param name="Applicants">Its traveling applicants.</param>
/// <param name="Post">Where it is seated (gained: in the variant; lost: in the baseline).</param>
/// <param name="Date">The day of its interview in the run that seats it.</param>
/// <param name="Start">The session's start in that run.</param>
/// <param name="Reason">Why the other run leaves it out (the spec's reason code).</param>
/// <param name="ReasonPost">The post the other run assigned it to, when it had one.</param>
public sealed record CaseChange(
    string CaseId,
    string Category,
    string Chargeability,
    string PriorityDate,
    int Applicants,
    string Post,
    string Date,
    string Start,
    string Reason,
    string? ReasonPost);

/// <summary>Reading and writing <c>diff.json</c>.</summary>
public static class WhatIfJson
{
    /// <summary>camelCase, indented, numbers as numbers; read strictly (a member missing, or null where
    /// the records need one, is an error, not a null a program would trip over).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The bytes of <c>diff.json</c>.</summary>
    public static byte[] Write(WhatIfDiff diff) => JsonSerializer.SerializeToUtf8Bytes(diff, Options);

    /// <summary>Reads a <c>diff.json</c>; throws <see cref="JsonException"/> when it is not one.</summary>
    public static WhatIfDiff Read(byte[] json) =>
        JsonSerializer.Deserialize<WhatIfDiff>(json, Options) ?? throw new JsonException("diff.json: empty");
}

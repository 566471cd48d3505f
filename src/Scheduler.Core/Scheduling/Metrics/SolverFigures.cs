namespace Scheduler.Core.Scheduling.Metrics;

/// <summary>A post's solver figures for <c>summary.json</c>.</summary>
/// <param name="Post">Post code.</param>
/// <param name="Status">Optimal when every objective level is proven, else feasible.</param>
/// <param name="Objective">Applicants seated.</param>
/// <param name="BestBound">Proven upper bound on applicants seated.</param>
/// <param name="Gap">(bound - objective) / bound, 0 when the bound is 0.</param>
/// <param name="SolveMs">Time spent on the post's model.</param>
/// <param name="Source">Whose schedule the post kept.</param>
public sealed record PostSolverFigures(string Post, SolveStatus Status, long Objective, long BestBound, double Gap, long SolveMs, ScheduleSource Source);

/// <summary>The solver figures of a whole month.</summary>
public sealed record SolverFigures(SolveStatus Status, long Objective, long BestBound, double Gap, long SolveMs, IReadOnlyList<PostSolverFigures> Posts);

/// <summary>How far a solve is proven.</summary>
public enum SolveStatus
{
    /// <summary>Every objective level is proven optimal (<c>OPTIMAL</c>).</summary>
    Optimal,

    /// <summary>A valid schedule without a full proof (<c>FEASIBLE</c>).</summary>
    Feasible,
}

/// <summary>Whose schedule a post kept.</summary>
public enum ScheduleSource
{
    /// <summary>The CP-SAT model's (<c>cpsat</c>).</summary>
    CpSat,

    /// <summary>First fit's: it needed no search, or was as good (<c>first-fit</c>).</summary>
    FirstFit,

    /// <summary>First fit's, because the model's was set aside (<c>first-fit-fallback</c>).</summary>
    FirstFitFallback,
}

/// <summary>The spec's codes for <see cref="SolveStatus"/> and <see cref="ScheduleSource"/>.</summary>
public static class SolverCodes
{
    /// <summary><c>OPTIMAL</c> or <c>FEASIBLE</c>.</summary>
    public static string Code(this SolveStatus status) => status == SolveStatus.Optimal ? "OPTIMAL" : "FEASIBLE";

    /// <summary><c>cpsat</c>, <c>first-fit</c> or <c>first-fit-fallback</c>.</summary>
    public static string Code(this ScheduleSource source) => source switch
    {
        ScheduleSource.CpSat => "cpsat",
        ScheduleSource.FirstFit => "first-fit",
        _ => "first-fit-fallback",
    };
}

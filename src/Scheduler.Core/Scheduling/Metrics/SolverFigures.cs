namespace Scheduler.Core.Scheduling.Metrics;

/// <summary>A post's solver figures for <c>summary.json</c>.</summary>
/// <param name="Post">Post code.</param>
/// <param name="Status">OPTIMAL when every objective level is proven, else FEASIBLE.</param>
/// <param name="Objective">Applicants seated.</param>
/// <param name="BestBound">Proven upper bound on applicants seated.</param>
/// <param name="Gap">(bound - objective) / bound, 0 when the bound is 0.</param>
/// <param name="SolveMs">Time spent on the post's model.</param>
/// <param name="Source">cpsat, first-fit (first fit was as good, or the post needed no search),
/// or first-fit-fallback (the model's schedule was set aside).</param>
public sealed record PostSolverFigures(string Post, string Status, long Objective, long BestBound, double Gap, long SolveMs, string Source);

/// <summary>The solver figures of a whole month.</summary>
public sealed record SolverFigures(string Status, long Objective, long BestBound, double Gap, long SolveMs, IReadOnlyList<PostSolverFigures> Posts);

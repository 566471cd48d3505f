using Scheduler.Core;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Planning;

/// <summary>A planned month: the schedule, its figures and, for CP-SAT, how far each post is proven.</summary>
/// <param name="Scenario">The scenario planned.</param>
/// <param name="Options">The options it was planned with.</param>
/// <param name="Schedule">Appointments, allocations and every other case with its reason.</param>
/// <param name="Figures">The summary figures, overall, per post and per pool.</param>
/// <param name="Solver">Status, objective, bound and gap (CP-SAT only).</param>
/// <param name="Elapsed">Wall time of the plan.</param>
public sealed record MonthlyPlan(
    Scenario Scenario,
    PlanOptions Options,
    Schedule Schedule,
    MonthFigures Figures,
    SolverFigures? Solver,
    TimeSpan Elapsed)
{
    /// <summary>Posts whose CP-SAT model was searched in this plan.</summary>
    public int PostsSearched { get; init; }

    /// <summary>Posts whose search answer was reused from an earlier plan of the same planner (see <see cref="PlanCache"/>).</summary>
    public int PostsReused { get; init; }

    /// <summary>With a <see cref="PlanCache"/>: the fingerprint of each post model searched or answered
    /// from the cache (equal fingerprints, equal answers); empty without one.</summary>
    public IReadOnlyList<string> SearchKeys { get; init; } = [];
}

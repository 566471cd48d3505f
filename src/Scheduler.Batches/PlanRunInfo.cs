using Scheduler.Files.Input;
using Scheduler.Files.Output;
using Scheduler.Planning;

namespace Scheduler.Batches;

/// <summary>What a planned month writes about its run in <c>summary.json</c>: month, as-of, solver,
/// seed, workers, engine version and input hash beside the figures. Every host that writes a
/// schedule (plan, run, whatif) describes it the same way.</summary>
public static class PlanRunInfo
{
    /// <summary>The run info of <paramref name="plan"/>.</summary>
    /// <param name="plan">The planned month.</param>
    /// <param name="elapsedMs">Wall time the host reports (reading and writing included, for <c>plan</c>).</param>
    /// <param name="inputHash">The scenario's <see cref="ScenarioHash"/>, when known.</param>
    public static RunInfo For(MonthlyPlan plan, long elapsedMs, string? inputHash)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RunInfo(Values.Format(plan.Scenario.Month), plan.Options.Solver.Code(), elapsedMs, plan.Solver, plan.Scenario.Derivation?.Limits)
        {
            AsOf = Values.Format(plan.Scenario.AsOf),
            Seed = plan.Options.Seed,
            Workers = plan.Options.Workers,
            EngineVersion = MonthlyPlanner.EngineVersion,
            InputHash = inputHash,
        };
    }
}

using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Solver;

namespace Scheduler.Cli.Commands;

/// <summary>Runs the solver a command names.</summary>
internal static class Planner
{
    public static (Schedule Schedule, SolverFigures? Solver) Plan(PreparedBatch batch, string solver, CpSatOptions options, CancellationToken cancellationToken)
    {
        if (solver == "greedy")
        {
            return (GreedyScheduler.Plan(batch, options.Workers, cancellationToken), null);
        }
        var plan = CpSatScheduler.Plan(batch, options, cancellationToken);
        return (plan.Schedule, plan.Solver);
    }
}

using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>The one-line summary a planned month prints.</summary>
internal static class Summary
{
    public static string Line(MonthlyPlan plan, long elapsedMs, string target)
    {
        var o = plan.Figures.Overall;
        var status = plan.Solver is { } solved ? $", {solved.Status.Code()} gap {solved.Gap:P2}" : "";
        return $"{Values.Format(plan.Scenario.Month)} {plan.Options.Solver.Code()}: {o.ScheduledCases:N0} cases, {o.ScheduledApplicants:N0} of {o.Capacity:N0} seats ({o.Utilization:P1}), " +
            $"{o.FifoInversions} FIFO inversions, mix deviation {o.MixDeviation:0.##}{status}, {plan.Figures.Posts.Count} posts, " +
            $"{elapsedMs:N0} ms -> {target}";
    }
}

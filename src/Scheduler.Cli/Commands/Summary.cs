using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>The one-line summary a planned month prints.</summary>
internal static class Summary
{
    /// <summary>The month's figures and its busiest posts as tables (on a terminal, above the line).</summary>
    public static void Table(Terminal terminal, MonthlyPlan plan)
    {
        var o = plan.Figures.Overall;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        terminal.Table($"{Values.Format(plan.Scenario.Month)} ({plan.Options.Solver.Code()}, seed {plan.Options.Seed})", ["figure", "value"],
        [
            ["scheduled cases", o.ScheduledCases.ToString("N0", inv)],
            ["scheduled applicants", o.ScheduledApplicants.ToString("N0", inv)],
            ["seats offered", o.Capacity.ToString("N0", inv)],
            ["utilization", o.Utilization.ToString("P1", inv)],
            ["FIFO inversions", o.FifoInversions.ToString(inv)],
            ["mix deviation", o.MixDeviation.ToString("0.##", inv)],
            ["interview_by misses", o.InterviewByMisses.ToString(inv)],
            ["status", plan.Solver is { } s ? $"{s.Status.Code()}, gap {s.Gap.ToString("P2", inv)}" : "first fit"],
        ], 1);
        terminal.Table("Unscheduled by reason", ["reason", "cases"],
            plan.Figures.UnscheduledByReason.Where(kv => kv.Value > 0).Select(kv => (IReadOnlyList<string>)[kv.Key.Code(), kv.Value.ToString("N0", inv)]), 1);
    }
}

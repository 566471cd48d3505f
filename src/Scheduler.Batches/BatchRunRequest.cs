using NodaTime;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;
using Scheduler.Planning;

namespace Scheduler.Batches;

/// <summary>One month's batch to run.</summary>
/// <param name="Month">The month whose sessions are filled.</param>
/// <param name="Options">Solver, seed, workers and time limit.</param>
/// <param name="AsOf">The run date; default the month's own <c>asOf</c> as imported.</param>
/// <param name="Force">Supersede a committed batch of the month (kept as history).</param>
public sealed record BatchRunRequest(YearMonth Month, PlanOptions Options, LocalDate? AsOf = null, bool Force = false);

/// <summary>How a batch run ended.</summary>
public enum BatchRunStatus
{
    /// <summary>The batch is committed.</summary>
    Committed,

    /// <summary>The month already has a committed batch (and <c>Force</c> was not asked).</summary>
    AlreadyCommitted,

    /// <summary>Another worker is running the month now.</summary>
    AlreadyRunning,

    /// <summary>The month's data is not a valid scenario (or the month is unknown); nothing committed.</summary>
    BadInput,

    /// <summary>A stop request ended the batch; nothing committed.</summary>
    Stopped,
}

/// <summary>The outcome of <see cref="BatchRunner.RunAsync(BatchRunRequest, CancellationToken)"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="BatchId">The ledger's id for the batch, when one was started (or the committed one found).</param>
/// <param name="Plan">The plan, when the batch was committed.</param>
/// <param name="Problems">For <see cref="BatchRunStatus.BadInput"/>: every problem, one per line.</param>
public sealed record BatchRunResult(BatchRunStatus Status, long? BatchId, MonthlyPlan? Plan, IReadOnlyList<string> Problems);

/// <summary>What a host that ran one batch now says about its outcome, and the exit code it ends with (the CLI's
/// <c>run</c> and the worker's: 0 committed; 1 already committed, run by another worker, or stopped; 2 bad input).</summary>
public static class BatchRunOutcome
{
    /// <summary>Prints how a batch run ended (a committed batch's summary line on <paramref name="output"/>, why nothing
    /// was committed on <paramref name="error"/>) and gives the exit code.</summary>
    public static int Report(BatchRunResult result, YearMonth month, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (result is { Status: BatchRunStatus.Committed, Plan: { } plan })
            output.WriteLine($"batch {result.BatchId} committed: " + SummaryLine(plan, (long)plan.Elapsed.TotalMilliseconds, "database"));
        foreach (var line in Why(result, month))
            error.WriteLine(line);
        return ExitCode(result.Status);
    }

    private static int ExitCode(BatchRunStatus status) => status switch
    {
        BatchRunStatus.Committed => 0,
        BatchRunStatus.AlreadyCommitted or BatchRunStatus.AlreadyRunning or BatchRunStatus.Stopped => 1,
        _ => 2,
    };

    /// <summary>A plan in one line: month, solver, seated cases and applicants of the seats, utilization, FIFO inversions,
    /// mix deviation, the search's status and gap, posts, the plan's time, and where it went.</summary>
    public static string SummaryLine(MonthlyPlan plan, long elapsedMs, string target)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var o = plan.Figures.Overall;
        var status = plan.Solver is { } solved ? $", {solved.Status.Code()} gap {solved.Gap:P2}" : "";
        return $"{Values.Format(plan.Scenario.Month)} {plan.Options.Solver.Code()}: {o.ScheduledCases:N0} cases, {o.ScheduledApplicants:N0} of {o.Capacity:N0} seats ({o.Utilization:P1}), " +
            $"{o.FifoInversions} FIFO inversions, mix deviation {o.MixDeviation:0.##}{status}, {plan.Figures.Posts.Count} posts, " +
            $"{elapsedMs:N0} ms -> {target}";
    }

    /// <summary>Why nothing was committed, one line each (none for a committed batch).</summary>
    private static IReadOnlyList<string> Why(BatchRunResult result, YearMonth month)
    {
        var name = Values.Format(month);
        return result.Status switch
        {
            BatchRunStatus.Committed => [],
            BatchRunStatus.AlreadyCommitted => [$"month {name} already has committed batch {result.BatchId}; nothing run (--force supersedes it)"],
            BatchRunStatus.AlreadyRunning => [$"month {name} is being run by another worker; nothing run"],
            BatchRunStatus.Stopped => [$"batch {result.BatchId} stopped before commit: nothing was written"],
            _ => result.Problems,
        };
    }
}

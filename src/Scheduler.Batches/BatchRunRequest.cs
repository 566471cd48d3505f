using NodaTime;
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

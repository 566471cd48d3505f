namespace Scheduler.Storage;

/// <summary>Where a batch stands in the ledger; stored as the lower-case name.</summary>
public enum BatchStatus
{
    /// <summary>A process holds the month and is planning it.</summary>
    Running,
    /// <summary>The month's live schedule.</summary>
    Committed,
    /// <summary>Was committed, replaced by a forced batch (see <see cref="BatchRecord.SupersededBy"/>).</summary>
    Superseded,
    /// <summary>The run failed; nothing of it was stored but this row.</summary>
    Failed,
    /// <summary>The run was stopped (cancelled) before committing.</summary>
    Stopped,
    /// <summary>The process running it died; found by the next batch of the month.</summary>
    Abandoned,
    /// <summary>Not run: the month already had a committed batch and the run was not forced.</summary>
    Refused,
}

internal static class BatchStatuses
{
    public static string Code(this BatchStatus status) => status.ToString().ToLowerInvariant();

    public static BatchStatus Parse(string code) => Enum.Parse<BatchStatus>(code, ignoreCase: true);
}

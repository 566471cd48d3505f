namespace Scheduler.Core.Scheduling.Metrics;

/// <summary>The figures <c>summary.json</c> reports, for one post or for the whole month.</summary>
/// <param name="ScheduledCases">Cases booked.</param>
/// <param name="ScheduledApplicants">Traveling applicants booked (seats used).</param>
/// <param name="Capacity">Seats offered in usable sessions.</param>
/// <param name="FifoInversions">Unscheduled cases passed over for a later case (queue or pool inversion).</param>
/// <param name="MixDeviation">Sum over target rules of |count - target x scheduled applicants|.</param>
/// <param name="InterviewByMisses">Cases with an <c>interview_by</c> date in or before the month that are booked after it or not booked though eligible.</param>
public sealed record ScheduleFigures(
    int ScheduledCases,
    long ScheduledApplicants,
    long Capacity,
    int FifoInversions,
    decimal MixDeviation,
    int InterviewByMisses)
{
    /// <summary>Seats used over seats offered (0 when none are offered).</summary>
    public double Utilization => Capacity == 0 ? 0 : (double)ScheduledApplicants / Capacity;
}

/// <summary>A post's figures.</summary>
public sealed record PostFigures(string Post, ScheduleFigures Figures);

/// <summary>One numbers pool: what it had, what the schedule allocated, what is left.</summary>
public sealed record PoolFigures(string Category, string Chargeability, int Available, int Allocated, int Left);

/// <summary>The month's figures, overall and per post, with the count of cases per unscheduled
/// reason and, per numbers pool, its use.</summary>
public sealed record MonthFigures(
    ScheduleFigures Overall,
    IReadOnlyList<PostFigures> Posts,
    IReadOnlyDictionary<UnscheduledReason, int> UnscheduledByReason)
{
    /// <summary>Every pool of the scenario's numbers, in category then chargeability order.</summary>
    public IReadOnlyList<PoolFigures> Pools { get; init; } = [];
}

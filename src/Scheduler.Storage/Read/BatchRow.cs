using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;

namespace Scheduler.Storage.Read;

#pragma warning disable CA1812
internal sealed class BatchRow
{
    public long Id { get; set; }
    public YearMonth Month { get; set; }
    public string Status { get; set; } = "";
    public LocalDate AsOf { get; set; }
    public long Seed { get; set; }
    public string Solver { get; set; } = "";
    public string EngineVersion { get; set; } = "";
    public string? InputHash { get; set; }
    public Instant Started { get; set; }
    public Instant? Ended { get; set; }
    public long? ScheduledCases { get; set; }
    public long? ScheduledApplicants { get; set; }
    public long? Capacity { get; set; }
    public long? FifoInversions { get; set; }
    public string? SolverStatus { get; set; }
    public double? Gap { get; set; }
    public long? PlanMs { get; set; }
    public string? Message { get; set; }
    public long? SupersededBy { get; set; }
    public byte[]? InputFiles { get; set; }
    public byte[]? SummaryJson { get; set; }
    public byte[]? NumbersCsv { get; set; }

    public BatchRecord ToRecord() => new(Id, Month, BatchStatuses.Parse(Status), AsOf, (int)Seed, Solver, EngineVersion, InputHash, Started, Ended,
        ScheduledCases is null ? null : new BatchFigures((int)ScheduledCases, (int)(ScheduledApplicants ?? 0), (int)(Capacity ?? 0),
            (int)(FifoInversions ?? 0), SolverStatus, Gap, PlanMs ?? 0),
        Message, SupersededBy);
}

internal sealed class AppointmentRow
{
    public string CaseId { get; set; } = "";
    public string Post { get; set; } = "";
    public LocalDate Date { get; set; }
    public LocalTime Start { get; set; }
    public long Applicants { get; set; }
}

internal sealed class AllocationRow
{
    public string ApplicantId { get; set; } = "";
    public string CaseId { get; set; } = "";
    public string Category { get; set; } = "";
    public string Chargeability { get; set; } = "";
}

internal sealed class UnscheduledRow
{
    public string CaseId { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? Post { get; set; }

    public UnscheduledCase ToCase(long batchId) => new(CaseId, UnscheduledReasons.TryParse(Reason, out var reason)
        ? reason
        : throw new InvalidDataException($"batch {batchId} has an unknown reason '{Reason}'"))
    {
        Post = PostCode.OrNull(Post),
    };
}
#pragma warning restore CA1812

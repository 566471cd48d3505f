using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Scheduling;

/// <summary>A case booked into one session: all its traveling applicants together.</summary>
public sealed record Appointment(CaseId CaseId, PostCode Post, LocalDate Date, LocalTime Start, int Applicants);

/// <summary>One visa number given to one traveling applicant, charged to the case's category and chargeability.</summary>
public sealed record VisaNumberAllocation(string ApplicantId, CaseId CaseId, VisaCategory Category, Chargeability Chargeability);

/// <summary>A case left out of the month, with the first reason that applies.</summary>
public sealed record UnscheduledCase(CaseId CaseId, UnscheduledReason Reason)
{
    /// <summary>The post the engine assigned the case to; null when it has none (NO_POST).</summary>
    public PostCode? Post { get; init; }
}

/// <summary>A monthly schedule: appointments, the visa numbers they use, and every other case with its reason.</summary>
public sealed record Schedule(
    IReadOnlyList<Appointment> Appointments,
    IReadOnlyList<VisaNumberAllocation> Allocations,
    IReadOnlyList<UnscheduledCase> Unscheduled);

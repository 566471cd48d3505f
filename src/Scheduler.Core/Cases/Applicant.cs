using NodaTime;

namespace Scheduler.Core.Cases;

/// <summary>One applicant of a case: the principal or a derivative spouse or child.</summary>
public sealed record Applicant
{
    /// <summary>Unique applicant id.</summary>
    public required string Id { get; init; }

    /// <summary>The case the applicant belongs to.</summary>
    public required CaseId CaseId { get; init; }

    /// <summary>Principal, spouse or child.</summary>
    public required ApplicantRole Role { get; init; }

    /// <summary>Date of birth, when known.</summary>
    public LocalDate? BirthDate { get; init; }

    /// <summary>False for a derivative who follows to join later: takes no seat and no number now.</summary>
    public bool Traveling { get; init; } = true;

    /// <summary>The last day all of this applicant's documents are valid, when known.</summary>
    public LocalDate? DocumentsExpire { get; init; }
}

/// <summary>An applicant's role in the case.</summary>
public enum ApplicantRole
{
    Principal, Spouse, Child,
}

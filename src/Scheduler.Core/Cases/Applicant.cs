using NodaTime;

namespace Scheduler.Core.Cases;

/// <summary>One applicant of a case: the principal or a derivative spouse or child. A value, held inline in its case's
/// array: a national month has some 450,000 applicants, and as objects of their own they were as many more for the
/// collector to carry while a month is read and planned.</summary>
public readonly record struct Applicant
{
    /// <summary>An applicant who travels, to be given its id, case and role.</summary>
    public Applicant()
    {
    }

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

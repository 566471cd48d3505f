using NodaTime;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Cases;

/// <summary>An immigrant-visa case: one petition, a principal and the derivatives who go with them.</summary>
public sealed record VisaCase
{
    /// <summary>Unique case id.</summary>
    public required CaseId Id { get; init; }

    /// <summary>The visa category.</summary>
    public required VisaCategory Category { get; init; }

    /// <summary>The visa class, e.g. <c>CR1</c>; defaults to the category code.</summary>
    public required string VisaClass { get; init; }

    /// <summary>The petition's filing date.</summary>
    public required LocalDate PriorityDate { get; init; }

    /// <summary>The foreign state the case is charged to (ISO 3166-1 alpha-2, upper case).</summary>
    public required Chargeability Chargeability { get; init; }

    /// <summary>The day the case became documentarily qualified, if it has.</summary>
    public LocalDate? DocumentarilyQualified { get; init; }

    /// <summary>The post given in the file, if any.</summary>
    public PostCode? Post { get; init; }

    /// <summary>Country of residence (of last foreign residence for applicants in the U.S.).</summary>
    public string? Residence { get; init; }

    /// <summary>Country of nationality.</summary>
    public string? Nationality { get; init; }

    /// <summary>Interview language (ISO 639-1); default <c>en</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>The NVC system the case lives in; default PIVOT.</summary>
    public SystemSource SystemSource { get; init; } = SystemSource.PIVOT;

    /// <summary>Expedited cases come first in their queue.</summary>
    public bool Expedite { get; init; }

    /// <summary>A date the interview should not come after, if any.</summary>
    public LocalDate? InterviewBy { get; init; }

    /// <summary>The case's applicants, principal first as the file lists them.</summary>
    public IReadOnlyList<Applicant> Applicants { get; init; } = [];
}

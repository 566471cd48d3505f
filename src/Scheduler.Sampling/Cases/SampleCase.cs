using NodaTime;
using Scheduler.Sampling.Calendar;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>One cases.csv row and its applicants while being generated. A single instance is reused
/// for every case, so that a national sample never holds more than one case in memory.</summary>
internal sealed class SampleCase
{
    public const int MaxApplicants = 6;

    public string Id { get; set; } = "";
    public Category Category { get; set; }
    public string VisaClass { get; set; } = "";
    public LocalDate PriorityDate { get; set; }
    public string Chargeability { get; set; } = "";
    public LocalDate? QualifiedDate { get; set; }

    /// <summary>The post written in cases.csv; empty when the engine assigns it.</summary>
    public string Post { get; set; } = "";

    /// <summary>The index of the post the case ends up at (given or assigned), -1 for NO_POST.</summary>
    public int PostIndex { get; set; }

    public string Residence { get; set; } = "";
    public string Nationality { get; set; } = "";
    public string Language { get; set; } = "";
    public string SystemSource { get; set; } = "";
    public bool Expedite { get; set; }
    public LocalDate? InterviewBy { get; set; }

    /// <summary>Whether the priority date is earlier than the bulletin's cut-off (always, for IR).</summary>
    public bool IsCurrent { get; set; }

    public SampleApplicant[] Applicants { get; } = new SampleApplicant[MaxApplicants];
    public int ApplicantCount { get; set; }

    public int TravelingCount
    {
        get
        {
            var traveling = 0;
            for (var a = 0; a < ApplicantCount; a++)
            {
                traveling += Applicants[a].Traveling ? 1 : 0;
            }
            return traveling;
        }
    }

    /// <summary>The chargeability column of the bulletin and of numbers.csv this case draws on.</summary>
    public int Area => ChargeabilityArea.Of(Chargeability);

    /// <summary>Whether the engine may schedule the case at all (rule 1 of the spec): qualified by asOf,
    /// current, someone traveling, and a post. Documents and capacity are left to the engine.</summary>
    public bool IsEligible =>
        QualifiedDate is { } qualified && qualified <= ScenarioDates.AsOf && IsCurrent && PostIndex >= 0 && TravelingCount > 0;

    public void AddApplicant(SampleApplicant applicant) => Applicants[ApplicantCount++] = applicant;
}

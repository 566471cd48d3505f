using NodaTime;

namespace Scheduler.Core.Cases;

/// <summary>Facts derived from a case's applicants.</summary>
public static class VisaCaseFacts
{
    /// <summary>How many applicants travel now (each takes a seat and, if limited, a number).</summary>
    public static int TravelingCount(this VisaCase visaCase)
    {
        var count = 0;
        foreach (var applicant in visaCase.Applicants)
        {
            if (applicant.Traveling)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The last day on which every traveling applicant's documents are valid; null when none expire.</summary>
    public static LocalDate? DocumentsValidThrough(this VisaCase visaCase)
    {
        LocalDate? earliest = null;
        foreach (var applicant in visaCase.Applicants)
        {
            if (applicant.Traveling && applicant.DocumentsExpire is { } expires && (earliest is null || expires < earliest))
            {
                earliest = expires;
            }
        }
        return earliest;
    }
}

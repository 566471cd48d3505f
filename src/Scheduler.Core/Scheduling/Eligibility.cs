using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;

namespace Scheduler.Core.Scheduling;

/// <summary>The reasons a case cannot be scheduled that do not depend on other cases (hard rule 1
/// and the documents check), in the spec's order.</summary>
public static class Eligibility
{
    /// <summary>The first static reason that applies, or null when the case may compete for a seat.</summary>
    /// <param name="visaCase">The case.</param>
    /// <param name="asOf">The batch's run date.</param>
    /// <param name="bulletin">The month's Final Action Dates.</param>
    /// <param name="hasPost">Whether post assignment found a post.</param>
    /// <param name="firstUsableSession">The date of the post's first usable session, if it has one.</param>
    public static UnscheduledReason? StaticReason(
        VisaCase visaCase, LocalDate asOf, VisaBulletin bulletin, bool hasPost, LocalDate? firstUsableSession)
    {
        if (visaCase.DocumentarilyQualified is not { } qualified || qualified > asOf)
        {
            return UnscheduledReason.NotQualified;
        }
        if (!bulletin.IsCurrent(visaCase.Category, visaCase.Chargeability, visaCase.PriorityDate))
        {
            return UnscheduledReason.NotCurrent;
        }
        if (visaCase.TravelingCount() == 0)
        {
            return UnscheduledReason.NoTravelingApplicants;
        }
        if (!hasPost)
        {
            return UnscheduledReason.NoPost;
        }
        if (firstUsableSession is { } first && visaCase.DocumentsValidThrough() is { } validThrough && validThrough < first)
        {
            return UnscheduledReason.DocumentsExpire;
        }
        return null;
    }
}

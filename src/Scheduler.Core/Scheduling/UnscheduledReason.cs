namespace Scheduler.Core.Scheduling;

/// <summary>Why a case was not scheduled; a case gets the first that applies, in this order.</summary>
public enum UnscheduledReason
{
    /// <summary>No DQ date on or before <c>asOf</c>.</summary>
    NotQualified,
    /// <summary>Not current under the month's Visa Bulletin.</summary>
    NotCurrent,
    /// <summary>No applicant travels now.</summary>
    NoTravelingApplicants,
    /// <summary>No post given, designated or serving the residence or nationality.</summary>
    NoPost,
    /// <summary>Documents expire before the post's first usable session.</summary>
    DocumentsExpire,
    /// <summary>Its pool has fewer numbers left than it needs.</summary>
    NoNumbers,
    /// <summary>Adding it would break a <c>max</c> mix rule of its post.</summary>
    MixLimit,
    /// <summary>No session has room for it.</summary>
    NoCapacity,
}

/// <summary>The spec's codes for <see cref="UnscheduledReason"/>.</summary>
public static class UnscheduledReasons
{
    private static readonly string[] Codes =
    [
        "NOT_QUALIFIED", "NOT_CURRENT", "NO_TRAVELING_APPLICANTS", "NO_POST",
        "DOCUMENTS_EXPIRE", "NO_NUMBERS", "MIX_LIMIT", "NO_CAPACITY",
    ];

    /// <summary>The code written to <c>unscheduled.csv</c>, e.g. <c>NO_NUMBERS</c>.</summary>
    public static string Code(this UnscheduledReason reason) => Codes[(int)reason];

    /// <summary>Parses a code written by <see cref="Code"/>.</summary>
    public static bool TryParse(string? code, out UnscheduledReason reason)
    {
        var index = Array.IndexOf(Codes, code?.Trim().ToUpperInvariant());
        reason = (UnscheduledReason)Math.Max(index, 0);
        return index >= 0;
    }
}

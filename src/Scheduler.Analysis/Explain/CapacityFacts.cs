namespace Scheduler.Analysis.Explain;

/// <summary><c>NO_CAPACITY</c>: the case's queue and the room its post's sessions have left.</summary>
/// <param name="Rule">The reason code.</param>
/// <param name="Passed">True when seated, or when a usable session on a date its documents allow has
/// room for its whole family.</param>
/// <param name="Queue">Its place in its category's queue at the post; null when not eligible.</param>
/// <param name="UsableSessions">The post's usable sessions on dates its documents allow.</param>
/// <param name="LargestFreeRoom">The most free seats in one of those sessions.</param>
/// <param name="LargestFreeSession">The first session with that much room; null when there is none.</param>
/// <param name="EarliestWithRoom">The first of those sessions with room for its family (other than its
/// own when seated); null when none has.</param>
/// <param name="SeatsToFree">Unseated with no room: the fewest seats that would need freeing in one
/// session for its family (family size minus that session's free room; the largest free room when that
/// session can hold the family at all); null when no session on a date its documents allow holds its
/// family even empty; 0 when it is seated or has room.</param>
/// <param name="SessionToFree">The session <paramref name="SeatsToFree"/> is counted in (the first of the best).</param>
/// <param name="EarlierSessions">Seated: every usable session before its own, and why not there.</param>
/// <param name="EarlierWithRoom">Seated: how many of those had room for its family.</param>
public sealed record CapacityFacts(
    string Rule,
    bool Passed,
    QueueFacts? Queue,
    int UsableSessions,
    int LargestFreeRoom,
    SessionRoom? LargestFreeSession,
    SessionRoom? EarliestWithRoom,
    int? SeatsToFree,
    SessionRoom? SessionToFree,
    IReadOnlyList<EarlierSession>? EarlierSessions,
    int EarlierWithRoom)
{
    /// <summary>Seated: cases after it in its queue that sit in an earlier session than its own (where
    /// spec objective 4, earlier queue positions on earlier days, is not met for it), nearest first.</summary>
    public IReadOnlyList<string> BehindSeatedEarlier { get; init; } = [];
}

/// <summary>A case's place in its post's category queue (expedited first; limited categories by
/// priority date, DQ date, case id; IR by DQ date, priority date, case id).</summary>
/// <param name="Category">The queue's category.</param>
/// <param name="Position">1-based place.</param>
/// <param name="Length">Cases in the queue.</param>
/// <param name="AheadSeatedCases">Cases ahead of it that are seated.</param>
/// <param name="AheadSeatedApplicants">Their traveling applicants.</param>
/// <param name="AheadUnseatedCases">Cases ahead of it that are not seated.</param>
/// <param name="AheadUnseatedApplicants">Their traveling applicants.</param>
/// <param name="BehindSeatedCases">Cases after it that are seated.</param>
public sealed record QueueFacts(
    string Category,
    int Position,
    int Length,
    int AheadSeatedCases,
    long AheadSeatedApplicants,
    int AheadUnseatedCases,
    long AheadUnseatedApplicants,
    int BehindSeatedCases)
{
    /// <summary>What orders the queue after expedite: <c>dqDate</c> for <c>IR</c> (then priority date,
    /// case id), <c>priorityDate</c> for the limited categories (then DQ date, case id).</summary>
    public string OrderedBy { get; init; } = "priorityDate";

    /// <summary>The cases directly ahead of it in the queue, nearest first (at most <see cref="CaseExplainer.AheadShown"/>).</summary>
    public IReadOnlyList<CaseAhead> Ahead { get; init; } = [];
}

/// <summary>A case that stands ahead of the one explained, in its post's queue or its numbers pool.</summary>
/// <param name="Id">The case.</param>
/// <param name="Category">Its category.</param>
/// <param name="PriorityDate">Its priority date.</param>
/// <param name="Applicants">Its traveling applicants.</param>
/// <param name="Seated">True when the schedule seats it.</param>
/// <param name="Post">Its post (for a pool, possibly another post's).</param>
public sealed record CaseAhead(string Id, string Category, string PriorityDate, int Applicants, bool Seated, string? Post)
{
    /// <summary>Its DQ date (what orders an <c>IR</c> queue).</summary>
    public string? DqDate { get; init; }

    /// <summary>True when expedited (first in its post's queue).</summary>
    public bool Expedite { get; init; }

    /// <summary>Not seated: its reason as <c>unscheduled.csv</c> has it.</summary>
    public string? Reason { get; init; }
}

/// <summary>A session and the seats the schedule leaves free in it.</summary>
public sealed record SessionRoom(string Date, string Start, int Capacity, int Free);

/// <summary>A usable session before a seated case's own, and why the case is not there.</summary>
/// <param name="Date">The session's date.</param>
/// <param name="Start">Its start.</param>
/// <param name="Capacity">Seats it offers.</param>
/// <param name="Free">Seats the schedule leaves free.</param>
/// <param name="Verdict"><c>full</c> (fewer free seats than the family), <c>afterDocuments</c> (its
/// documents expire before), or <c>hadRoom</c> (see <see cref="CapacityFacts.BehindSeatedEarlier"/> for
/// whether spec objective 4 asked for it there).</param>
public sealed record EarlierSession(string Date, string Start, int Capacity, int Free, string Verdict);

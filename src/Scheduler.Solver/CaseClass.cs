using Google.OrTools.Sat;
using NodaTime;

namespace Scheduler.Solver;

/// <summary>Cases of one post and queue that are interchangeable for every rule: same traveling
/// applicants, same <c>max</c> and <c>target</c> rules, no documents or <c>interview_by</c> date
/// inside the month. Swapping two of them never breaks a rule, so first in, first out within a class
/// means exactly "the seated ones are its first <c>n</c>": the model decides that count and how
/// many sit in each session, not which case sits where (the symmetry a case-by-session model drowns in).
/// A case with a date inside the month is a class of its own.</summary>
internal sealed class CaseClass
{
    public required int Queue { get; init; }

    public required int Size { get; init; }

    public required ulong MaxMask { get; init; }

    public required ulong TargetMask { get; init; }

    /// <summary>Cases that hold numbers in the first-fit month: all of them are seated, the model
    /// only chooses their sessions (numbers stay exactly as first fit granted them).</summary>
    public required bool Fixed { get; init; }

    /// <summary>The last date any member may be interviewed on (documents).</summary>
    public required LocalDate Latest { get; init; }

    /// <summary>The member's <c>interview_by</c> date when it falls inside the month (singletons only).</summary>
    public LocalDate? InterviewBy { get; init; }

    /// <summary>Members in queue order.</summary>
    public List<int> Members { get; } = [];

    /// <summary>Members' positions in their queue.</summary>
    public List<int> Positions { get; } = [];

    /// <summary>Indices (in <see cref="Members"/>) of the members whose <c>interview_by</c> date falls
    /// on or after the post's last session and within the month: any seat meets it, and staying
    /// unseated misses it.</summary>
    public List<int> DueThisMonth { get; } = [];

    /// <summary>How many of <see cref="DueThisMonth"/> are seated, when the count decides it (else null:
    /// <see cref="SeatedDueAtLowest"/> are, whatever the count).</summary>
    public IntVar? SeatedDue { get; set; }

    /// <summary>How many of <see cref="DueThisMonth"/> the window's lowest count seats.</summary>
    public long SeatedDueAtLowest { get; set; }

    /// <summary>Most members that can ever be seated (see <see cref="PostModel"/> on pruning).</summary>
    public int MaxCount { get; set; }

    /// <summary>Members first fit seated.</summary>
    public int FirstFitCount { get; set; }

    public IntVar Count { get; set; } = null!;

    /// <summary>Queue position of the first member not seated (the queue's length when all are).</summary>
    public IntVar FirstUnseated { get; set; } = null!;

    /// <summary>Queue position of the last member seated (-1 when none is).</summary>
    public IntVar LastSeated { get; set; } = null!;

    /// <summary>Members seated per session index (only sessions the class may use).</summary>
    public Dictionary<int, IntVar> PerSession { get; } = [];

    /// <summary>Per date, the class's session variables after it and the members first fit seated
    /// after it: what the documents rule asks of the class for every case whose documents end on that
    /// date, found once per date (<see cref="PostModel"/>'s fairness).</summary>
    public Dictionary<LocalDate, (IntVar[] Sessions, int FirstFitSeated)> After { get; } = [];
}

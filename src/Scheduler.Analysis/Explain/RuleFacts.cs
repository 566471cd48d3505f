namespace Scheduler.Analysis.Explain;

/// <summary>The facts of each rule, in the spec's order of reasons. Every rule has its reason code
/// (<c>Rule</c>) and whether the case passes it; later rules are filled in whenever their figures
/// exist (a case not yet qualified still has a pool), but only the first failing rule is its reason.</summary>
public sealed record RuleFacts(
    QualifiedFacts Qualified,
    CurrentFacts Current,
    TravelingFacts Traveling,
    PostFacts Post,
    DocumentsFacts Documents,
    NumbersFacts Numbers,
    MixFacts? Mix,
    CapacityFacts? Capacity);

/// <summary><c>NOT_QUALIFIED</c>: DQ on or before <c>asOf</c>.</summary>
public sealed record QualifiedFacts(string Rule, bool Passed, string? DqDate, string AsOf);

/// <summary><c>NOT_CURRENT</c>: the Final Action Date of the bulletin row the case uses.</summary>
/// <param name="Rule">The reason code.</param>
/// <param name="Passed">True when current.</param>
/// <param name="Limited">False for IR (always current).</param>
/// <param name="BulletinRow">The row used: the case's own country, or <c>ALL</c>; null when neither exists.</param>
/// <param name="FinalAction">The row's value: a date, <c>C</c> or <c>U</c>; null without a row.</param>
/// <param name="PriorityDate">The case's priority date (current means strictly before the cutoff).</param>
/// <param name="EarliestCurrentCutoff">Not current: the earliest cutoff that would make it current,
/// the day after its priority date.</param>
public sealed record CurrentFacts(
    string Rule, bool Passed, bool Limited, string? BulletinRow, string? FinalAction, string PriorityDate, string? EarliestCurrentCutoff);

/// <summary><c>NO_TRAVELING_APPLICANTS</c>: at least one applicant travels now.</summary>
public sealed record TravelingFacts(string Rule, bool Passed, int Traveling, int Applicants);

/// <summary><c>NO_POST</c>: the post given, or found for the residence or nationality.</summary>
/// <param name="Rule">The reason code.</param>
/// <param name="Passed">True when it has a post.</param>
/// <param name="Post">The post.</param>
/// <param name="AssignedBy">As <see cref="CaseFacts.PostAssignedBy"/>.</param>
/// <param name="Residence">The country of residence, if given.</param>
/// <param name="Nationality">The country of nationality, if given.</param>
public sealed record PostFacts(string Rule, bool Passed, string? Post, string AssignedBy, string? Residence, string? Nationality);

/// <summary><c>DOCUMENTS_EXPIRE</c>: documents valid on the post's first usable session.</summary>
/// <param name="Rule">The reason code.</param>
/// <param name="Passed">True when valid then (or nothing expires, or the post has no session).</param>
/// <param name="ValidThrough">The earliest traveling applicant's <c>docs_expire</c>; null when none expire.</param>
/// <param name="FirstUsableSession">The date of the post's first usable session; null when it has none.</param>
public sealed record DocumentsFacts(string Rule, bool Passed, string? ValidThrough, string? FirstUsableSession);

/// <summary><c>NO_NUMBERS</c>: numbers left in the case's pool after the schedule.</summary>
/// <param name="Rule">The reason code.</param>
/// <param name="Passed">True when seated, when no pool caps it, or when the pool has what it needs left.</param>
/// <param name="Needed">Numbers it needs: its traveling applicants.</param>
/// <param name="Pool">Its pool; null when <c>numbers.csv</c> does not cap its category.</param>
public sealed record NumbersFacts(string Rule, bool Passed, int Needed, PoolFacts? Pool);

/// <summary>A numbers pool as the schedule used it, and the case's place in its priority order.</summary>
/// <param name="Category">The pool's category.</param>
/// <param name="Chargeability">The pool's chargeability (a country, or <c>ALL</c>).</param>
/// <param name="Available">Numbers the batch could allocate.</param>
/// <param name="Allocated">Rows of <c>allocations.csv</c> drawing on it.</param>
/// <param name="Left">Available minus allocated.</param>
/// <param name="Shortfall">Unseated: needed minus left when that is positive; else 0.</param>
/// <param name="Position">1-based place in the pool's order (priority date, DQ date, case id) among its
/// eligible cases; null when the case is not eligible.</param>
/// <param name="Cases">Eligible cases in the pool.</param>
/// <param name="AheadSeatedCases">Cases ahead of it in pool order that are seated.</param>
/// <param name="AheadSeatedApplicants">Their traveling applicants (the numbers they hold).</param>
/// <param name="AheadUnseatedCases">Cases ahead of it that are not seated.</param>
/// <param name="BehindSeatedCases">Cases after it in pool order that are seated.</param>
public sealed record PoolFacts(
    string Category,
    string Chargeability,
    int Available,
    int Allocated,
    int Left,
    int Shortfall,
    int? Position,
    int Cases,
    int AheadSeatedCases,
    long AheadSeatedApplicants,
    int AheadUnseatedCases,
    int BehindSeatedCases)
{
    /// <summary>The cases directly ahead of it in the pool's order, nearest first (at most <see cref="CaseExplainer.AheadShown"/>).</summary>
    public IReadOnlyList<CaseAhead> Ahead { get; init; } = [];
}

/// <summary><c>MIX_LIMIT</c>: the post's <c>max</c> rules the case counts toward.</summary>
/// <param name="Rule">The reason code.</param>
/// <param name="Passed">True when no rule binds.</param>
/// <param name="PostApplicants">Applicants seated at the post.</param>
/// <param name="MaxRules">Each <c>max</c> rule the case counts toward.</param>
/// <param name="Binding">The first binding rule as <c>dimension=value</c>; null when none binds.</param>
public sealed record MixFacts(string Rule, bool Passed, long PostApplicants, IReadOnlyList<MaxRuleFacts> MaxRules, string? Binding);

/// <summary>One <c>max</c> rule with the case in the post's month (added when unseated, as it stands
/// when seated): the rule holds while <c>CountingWith &lt;= Max x TotalWith</c>.</summary>
/// <param name="Dimension">What the rule counts, e.g. <c>systemSource</c>.</param>
/// <param name="Value">The value counted, e.g. <c>IVIS</c>.</param>
/// <param name="Max">The ceiling's share.</param>
/// <param name="Counting">Seated applicants at the post counting toward it (with the case if seated).</param>
/// <param name="TotalWith">The post's applicants with the case.</param>
/// <param name="CountingWith">Applicants counting toward it with the case.</param>
/// <param name="CeilingWith">Max x TotalWith.</param>
/// <param name="Excess">CountingWith minus CeilingWith; above 0 the rule binds.</param>
/// <param name="Binding">True when the rule would be broken.</param>
/// <param name="OtherApplicantsNeeded">Binding: how many more applicants not counting toward it the post
/// would need seated for the case to fit; null when no number would do (a share of 0).</param>
public sealed record MaxRuleFacts(
    string Dimension,
    string Value,
    decimal Max,
    long Counting,
    long TotalWith,
    long CountingWith,
    decimal CeilingWith,
    decimal Excess,
    bool Binding,
    long? OtherApplicantsNeeded);

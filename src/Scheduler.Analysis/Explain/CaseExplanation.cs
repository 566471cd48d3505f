namespace Scheduler.Analysis.Explain;

/// <summary>Why one case is or is not seated in a schedule: its facts, its outcome as the schedule
/// says it, each rule of the spec in order with the figures behind it, and the same in plain words.
/// Dates are <c>yyyy-MM-dd</c>, times <c>HH:mm</c>; serializes to camelCase JSON
/// (<see cref="ExplainJson"/>).</summary>
/// <param name="Case">The case as the scenario gives it.</param>
/// <param name="Outcome">What the schedule did with it.</param>
/// <param name="FirstFailingRule">The reason code of the first rule the figures say excludes it;
/// null when seated, or when no rule excludes it (the schedule then leaves a seat it could fill).</param>
/// <param name="AgreesWithSchedule">True when <paramref name="FirstFailingRule"/> is the schedule's
/// reason (or the case is seated and no rule excludes it).</param>
/// <param name="Rules">Each rule's facts, in the spec's order.</param>
/// <param name="Summary">The explanation in plain sentences.</param>
public sealed record CaseExplanation(
    CaseFacts Case,
    CaseOutcome Outcome,
    string? FirstFailingRule,
    bool AgreesWithSchedule,
    RuleFacts Rules,
    IReadOnlyList<string> Summary);

/// <summary>A case's own facts.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Category">Its category, e.g. <c>F4</c>.</param>
/// <param name="VisaClass">Its visa class, e.g. <c>F41</c>.</param>
/// <param name="Chargeability">The country it is charged to.</param>
/// <param name="PriorityDate">Its priority date.</param>
/// <param name="DqDate">Its DQ date; null when not qualified.</param>
/// <param name="Expedite">Expedited (first in its post's queue).</param>
/// <param name="InterviewBy">The date the interview should not come after, if any.</param>
/// <param name="Post">Its post; null for none.</param>
/// <param name="PostAssignedBy">How: <c>given</c>, <c>designatedForResidence</c>, <c>servesResidence</c>,
/// <c>designatedForNationality</c>, <c>servesNationality</c> or <c>none</c>.</param>
/// <param name="TravelingApplicants">Applicants who travel now: its seats and numbers.</param>
/// <param name="Applicants">All its applicants.</param>
public sealed record CaseFacts(
    string Id,
    string Category,
    string VisaClass,
    string Chargeability,
    string PriorityDate,
    string? DqDate,
    bool Expedite,
    string? InterviewBy,
    string? Post,
    string PostAssignedBy,
    int TravelingApplicants,
    int Applicants);

/// <summary>What the schedule did with the case.</summary>
/// <param name="Seated">True when <c>appointments.csv</c> books it.</param>
/// <param name="Reason">Unscheduled: the reason exactly as <c>unscheduled.csv</c> says it.</param>
/// <param name="Post">Seated: the post.</param>
/// <param name="Date">Seated: the interview date.</param>
/// <param name="Start">Seated: the session's start.</param>
/// <param name="Applicants">Seated: the applicants the appointment books.</param>
/// <param name="NumbersAllocated">Rows of <c>allocations.csv</c> for the case.</param>
public sealed record CaseOutcome(
    bool Seated,
    string? Reason,
    string? Post,
    string? Date,
    string? Start,
    int? Applicants,
    int NumbersAllocated);

using System.Globalization;
using NodaTime;

namespace Scheduler.Analysis.Explain;

/// <summary>An explanation in plain sentences: the outcome, the rule that decided it with its
/// figures, what stands ahead of the case, and what would change the outcome.</summary>
internal static class ExplanationSummary
{
    public static IReadOnlyList<string> Sentences(CaseExplanation e, LocalDate asOf)
    {
        var sentences = new List<string>();
        var rules = e.Rules;
        if (e.Outcome.Seated)
        {
            Seated(e, sentences);
        }
        else
        {
            sentences.Add($"Not seated: {e.Outcome.Reason}.");
            switch (e.FirstFailingRule)
            {
                case "NOT_QUALIFIED":
                    sentences.Add(rules.Qualified.DqDate is null
                        ? "It has no DQ date."
                        : $"Its DQ date {rules.Qualified.DqDate} is after asOf {rules.Qualified.AsOf}.");
                    sentences.Add($"It would qualify with a DQ date on or before {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
                    break;
                case "NOT_CURRENT":
                    sentences.Add(NotCurrent(e));
                    break;
                case "NO_TRAVELING_APPLICANTS":
                    sentences.Add($"None of its {Count(rules.Traveling.Applicants, "applicant")} travels now (all follow to join).");
                    break;
                case "NO_POST":
                    sentences.Add($"No post is given, and none is designated for or serves its residence ({rules.Post.Residence ?? "not given"}) " +
                        $"or nationality ({rules.Post.Nationality ?? "not given"}).");
                    break;
                case "DOCUMENTS_EXPIRE":
                    sentences.Add($"Its documents are valid through {rules.Documents.ValidThrough}; {e.Case.Post}'s first usable session is {rules.Documents.FirstUsableSession}.");
                    break;
                case "NO_NUMBERS":
                    sentences.Add(Numbers(rules.Numbers));
                    break;
                case "MIX_LIMIT":
                    sentences.AddRange(rules.Mix!.MaxRules.Where(r => r.Binding).Select(r => MaxRule(e, r)));
                    break;
                case "NO_CAPACITY":
                    sentences.Add(NoRoom(e));
                    break;
                default:
                    if (e.Rules.Capacity?.EarliestWithRoom is { } room)
                    {
                        sentences.Add($"No rule excludes it: the {room.Date} {room.Start} session has {room.Free} free seats for its " +
                            $"{Count(e.Case.TravelingApplicants, "applicant")}, within its pool and every max rule; the schedule leaves a seat it could fill (hard rule 7).");
                    }
                    break;
            }
            if (!e.AgreesWithSchedule && e.FirstFailingRule is not null)
            {
                sentences.Add($"The figures say {e.FirstFailingRule}, not {e.Outcome.Reason}: the schedule's reason is not the first that applies.");
            }
        }
        if (rules.Capacity?.Queue is { } queue)
        {
            sentences.Add($"It is {queue.Position} of {queue.Length} in the {queue.Category} queue at {e.Case.Post}: " +
                $"{Count(queue.AheadSeatedCases, "case")} ahead of it seated ({Count(queue.AheadSeatedApplicants, "applicant")}), " +
                $"{queue.AheadUnseatedCases} not seated; {queue.BehindSeatedCases} after it seated.");
            if (queue.Ahead.Count > 0)
            {
                var byDq = queue.OrderedBy == "dqDate";
                sentences.Add($"Directly ahead in the queue (by {(byDq ? "DQ date" : "priority date")}{(queue.Ahead.Any(a => a.Expedite) ? ", expedited first" : "")}): " +
                    string.Join(", ", queue.Ahead.Select(a => Describe(a, byDq))) + ".");
            }
        }
        if (rules.Numbers.Pool is { Position: { } position } pool && e.FirstFailingRule != "NO_NUMBERS")
        {
            sentences.Add($"In pool {pool.Category} {pool.Chargeability} it is {position} of {pool.Cases} in priority order; " +
                $"{Count(pool.AheadSeatedCases, "case")} ahead of it seated; the pool has {pool.Left} of {pool.Available} numbers left.");
        }
        return sentences;
    }

    private static void Seated(CaseExplanation e, List<string> sentences)
    {
        var o = e.Outcome;
        var numbers = e.Rules.Numbers.Pool is { } pool
            ? $"; {Count(o.NumbersAllocated, "number")} allocated from pool {pool.Category} {pool.Chargeability}"
            : o.NumbersAllocated > 0 ? $"; {Count(o.NumbersAllocated, "number")} allocated" : "";
        sentences.Add($"Seated at {o.Post} on {o.Date} at {o.Start} with {Count(o.Applicants ?? 0, "applicant")}{numbers}.");
        if (e.Rules.Capacity is not { EarlierSessions: { } earlier } capacity)
        {
            return;
        }
        if (earlier.Count == 0)
        {
            sentences.Add("It sits in its post's first usable session.");
            return;
        }
        var full = earlier.Count(s => s.Verdict == "full");
        if (capacity.EarlierWithRoom == 0)
        {
            sentences.Add($"None of the {Count(earlier.Count, "earlier session")} had room for its {Count(e.Case.TravelingApplicants, "applicant")} ({full} full).");
        }
        else
        {
            var lead = $"{capacity.EarlierWithRoom} of the {Count(earlier.Count, "earlier session")} had room for it ({full} full)";
            var queue = capacity.Queue;
            if (capacity.BehindSeatedEarlier.Count > 0)
            {
                // Objective 4 is the spec's last: seats (2) and mix targets (3) come first.
                sentences.Add($"{lead}, and {Count(capacity.BehindSeatedEarlier.Count, "case")} after it in the {queue?.Category} queue " +
                    $"sit{(capacity.BehindSeatedEarlier.Count == 1 ? "s" : "")} earlier ({string.Join(", ", capacity.BehindSeatedEarlier.Take(5))}): " +
                    "spec objective 4 (earlier queue positions on earlier days) is not met for it. The spec ranks that objective last, " +
                    "after applicants seated (2) and mix targets (3): the schedule favours those over it here.");
            }
            else
            {
                var alone = queue is { Length: 1 } ? $"it is the only case in its {queue.Category} queue" : $"no case after it in the {queue?.Category} queue sits earlier";
                sentences.Add($"{lead}, but no rule or objective of the spec asks for an earlier one: {alone}, and objective 4 " +
                    "(earlier queue positions on earlier days) orders the cases of one queue against each other, not against other queues. " +
                    "Of the days equally good, the schedule took this one.");
            }
        }
    }

    private static string NotCurrent(CaseExplanation e)
    {
        var current = e.Rules.Current;
        var row = $"{e.Case.Category} {current.BulletinRow}";
        var lead = current.FinalAction switch
        {
            null => $"The bulletin has no {e.Case.Category} row for {e.Case.Chargeability} or ALL.",
            "U" => $"The bulletin's {row} row is U (unavailable).",
            _ => $"The {row} Final Action Date is {current.FinalAction} and its priority date is {current.PriorityDate}: current needs a priority date strictly earlier.",
        };
        return $"{lead} A cutoff of {current.EarliestCurrentCutoff} or later would make it current.";
    }

    private static string Numbers(NumbersFacts numbers)
    {
        var pool = numbers.Pool!;
        var ahead = pool.Position is null ? "" : $" It is {pool.Position} of {pool.Cases} in the pool's priority order: " +
            $"{Count(pool.AheadSeatedCases, "case")} ahead of it seated ({Count(pool.AheadSeatedApplicants, "number")}), {pool.AheadUnseatedCases} not; " +
            $"{pool.BehindSeatedCases} after it seated." +
            (pool.Ahead.Count > 0 ? " Directly ahead in the pool (by priority date): " + string.Join(", ", pool.Ahead.Select(a => Describe(a, byDq: false))) + "." : "");
        return $"Pool {pool.Category} {pool.Chargeability} has {pool.Left} of {pool.Available} numbers left after the schedule " +
            $"({pool.Allocated} allocated); this case needs {numbers.Needed} ({pool.Shortfall} short).{ahead}";
    }

    private static string MaxRule(CaseExplanation e, MaxRuleFacts r)
    {
        var more = r.OtherApplicantsNeeded is { } others
            ? $" It would fit if {Count(others, "more applicant")} not counting toward it were seated at {e.Case.Post}."
            : " No number of other applicants would make room (a share of 0).";
        return $"Adding it would break {e.Case.Post}'s max rule {r.Dimension}={r.Value} at {Share(r.Max)}: " +
            $"{r.CountingWith} of {r.TotalWith} applicants would count toward it, above the ceiling of {Figure(r.CeilingWith)} by {Figure(r.Excess)}.{more}";
    }

    private static string NoRoom(CaseExplanation e)
    {
        var capacity = e.Rules.Capacity!;
        if (capacity.UsableSessions == 0)
        {
            return $"{e.Case.Post} has no usable session on a date its documents allow.";
        }
        var largest = capacity.LargestFreeSession!;
        var lead = $"No usable session at {e.Case.Post} on a date its documents allow has room for its {Count(e.Case.TravelingApplicants, "applicant")}: " +
            $"the most free seats are {capacity.LargestFreeRoom} ({largest.Date} {largest.Start}, of {largest.Capacity}).";
        return capacity is { SeatsToFree: { } seats, SessionToFree: { } best }
            ? $"{lead} {Count(seats, "seat")} would need to be freed in the {best.Date} {best.Start} session ({best.Free} free of {best.Capacity})."
            : $"{lead} No session holds {Count(e.Case.TravelingApplicants, "applicant")} even empty.";
    }

    private static string Count(long count, string noun) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static string Share(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Figure(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // The key that orders the list first (DQ date for an IR queue, priority date otherwise), and why a case not seated is not.
    private static string Describe(CaseAhead a, bool byDq) =>
        $"{a.Id} ({a.Category}, {(byDq ? $"DQ {a.DqDate}, PD {a.PriorityDate}" : $"PD {a.PriorityDate}")}{(a.Expedite ? ", expedited" : "")}, " +
        $"{a.Applicants} applicant{(a.Applicants == 1 ? "" : "s")}, " +
        $"{(a.Seated ? "seated" : a.Reason is { } reason ? $"not seated: {reason}" : "not seated")}{(a.Post is null ? "" : " at " + a.Post)})";
}

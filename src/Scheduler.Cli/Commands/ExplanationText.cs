using System.Globalization;
using Scheduler.Analysis.Explain;

namespace Scheduler.Cli.Commands;

/// <summary>An explanation for people: the case in one line, the summary sentences, then small
/// tables of the rules, the <c>max</c> rules and (seated) the sessions before its own.</summary>
internal static class ExplanationText
{
    public static void Write(Terminal terminal, CaseExplanation e)
    {
        var c = e.Case;
        terminal.Heading($"Case {c.Id}");
        terminal.Line($"{c.Category} ({c.VisaClass}), chargeable to {c.Chargeability}, priority date {c.PriorityDate}, DQ {c.DqDate ?? "none"}" +
            $"{(c.Expedite ? ", expedited" : "")}{(c.InterviewBy is { } by ? $", interview by {by}" : "")}; " +
            $"{(c.Post is { } post ? $"post {post} ({Basis(c.PostAssignedBy)})" : "no post")}; {c.TravelingApplicants} of {c.Applicants} applicants traveling.");
        terminal.Line();
        foreach (var sentence in e.Summary)
        {
            terminal.Line(sentence);
        }
        terminal.Line();
        terminal.Table("Rules, in the spec's order", ["rule", "result", "figures"], Rules(e.Rules).Select(r => (IReadOnlyList<string>)r));
        if (e.Rules.Mix is { MaxRules.Count: > 0 } mix)
        {
            terminal.Table($"Max rules at {c.Post} ({mix.PostApplicants} applicants seated)",
                ["rule", "max", "counting", "with case", "ceiling", "excess", "binds"],
                mix.MaxRules.Select(r => (IReadOnlyList<string>)[
                    $"{r.Dimension}={r.Value}", Figure(r.Max), $"{r.Counting}", $"{r.CountingWith} of {r.TotalWith}",
                    Figure(r.CeilingWith), Figure(r.Excess), r.Binding ? "yes" : "no"]),
                1, 2, 4, 5);
        }
        if (e.Rules.Capacity is { EarlierSessions.Count: > 0 } capacity)
        {
            terminal.Table($"Sessions before its own at {c.Post}", ["date", "start", "capacity", "free", "why not there"],
                capacity.EarlierSessions!.Select(s => (IReadOnlyList<string>)[s.Date, s.Start, $"{s.Capacity}", $"{s.Free}", Verdict(s.Verdict)]),
                2, 3);
        }
    }

    private static IEnumerable<string[]> Rules(RuleFacts r)
    {
        yield return Row(r.Qualified.Rule, r.Qualified.Passed, $"DQ {r.Qualified.DqDate ?? "none"}, asOf {r.Qualified.AsOf}");
        yield return Row(r.Current.Rule, r.Current.Passed, !r.Current.Limited ? "IR: always current"
            : $"row {r.Current.BulletinRow ?? "none"}: {r.Current.FinalAction ?? "missing"}, PD {r.Current.PriorityDate}" +
              (r.Current.EarliestCurrentCutoff is { } cutoff ? $"; current from a cutoff of {cutoff}" : ""));
        yield return Row(r.Traveling.Rule, r.Traveling.Passed, $"{r.Traveling.Traveling} of {r.Traveling.Applicants} travel");
        yield return Row(r.Post.Rule, r.Post.Passed, r.Post.Post is { } post ? $"{post} ({Basis(r.Post.AssignedBy)})" : "no post given, designated or serving");
        yield return Row(r.Documents.Rule, r.Documents.Passed,
            $"{(r.Documents.ValidThrough is { } through ? $"valid through {through}" : "no expiry date")}, " +
            (r.Documents.FirstUsableSession is { } firstUsable ? $"first usable session {firstUsable}" : "no usable session"));
        yield return Row(r.Numbers.Rule, r.Numbers.Passed, r.Numbers.Pool is not { } pool ? $"no pool caps it; needs {r.Numbers.Needed}"
            : $"pool {pool.Category} {pool.Chargeability}: {pool.Available} available, {pool.Allocated} allocated, {pool.Left} left; " +
              $"needs {r.Numbers.Needed}{(pool.Shortfall > 0 ? $" ({pool.Shortfall} short)" : "")}" +
              (pool.Position is { } position ? $"; {position} of {pool.Cases} in pool order, {pool.AheadSeatedCases} ahead seated" : ""));
        if (r.Mix is { } mix)
        {
            yield return Row(mix.Rule, mix.Passed, mix.MaxRules.Count == 0 ? "no max rule counts it"
                : mix.Binding is { } binding ? $"{binding} binds" : $"{mix.MaxRules.Count} max rules, none binds");
        }
        if (r.Capacity is { } capacity)
        {
            var queue = capacity.Queue is { } q ? $"{q.Position} of {q.Length} in the {q.Category} queue, {q.AheadSeatedCases} ahead seated, {q.AheadUnseatedCases} not; " : "";
            var room = capacity.EarliestWithRoom is { } first ? $"room in {first.Date} {first.Start} ({first.Free} free)"
                : capacity.EarlierSessions is not null ? "no other session has room"
                : $"no room: most free {capacity.LargestFreeRoom}, " +
                  (capacity.SeatsToFree is { } seats ? $"{seats} to free" : "no session holds its family");
            yield return Row(capacity.Rule, capacity.Passed, queue + room);
        }
    }

    /// <summary>How the post was found, in words (the JSON keeps the code).</summary>
    internal static string Basis(string basis) => basis switch
    {
        "given" => "given",
        "designatedForResidence" => "designated for its residence",
        "servesResidence" => "serving its residence",
        "designatedForNationality" => "designated for its nationality",
        "servesNationality" => "serving its nationality",
        _ => "none found",
    };

    private static string[] Row(string rule, bool passed, string figures) => [rule, passed ? "pass" : "FAIL", figures];

    private static string Verdict(string verdict) => verdict switch
    {
        "full" => "full for its family",
        "afterDocuments" => "after its documents expire",
        _ => "had room (see above)",
    };

    private static string Figure(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

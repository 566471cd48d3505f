using System.Globalization;
using NodaTime;
using Scheduler.Analysis.Explain;
using Scheduler.Core.Cases;
using Scheduler.Core.Posts;
using Scheduler.Files.Input;

namespace Scheduler.Analysis.Tests.Explain;

/// <summary>Every case of a planned schedule, explained and checked against the schedule's own files:
/// the outcome is the files', and the figures behind the reason support it.</summary>
public sealed class ExplanationAgreementTests
{
    [Theory]
    [InlineData("tiny", "greedy")]
    [InlineData("tiny", "cpsat")]
    [InlineData("small", "greedy")]
    [InlineData("small", "cpsat")]
    public void Explain_EveryCase_AgreesWithTheFiles(string scenarioName, string solver)
    {
        var folder = ExplainFolders.Schedule(scenarioName, solver);
        var scenario = ScenarioReader.Read(ExplainFolders.Scenario(scenarioName)).Scenario!;
        var explainer = ExplainFolders.Explainer(scenarioName, solver);
        var appointments = Csv(Path.Combine(folder, "appointments.csv")).ToDictionary(r => r["case_id"]);
        var unscheduled = Csv(Path.Combine(folder, "unscheduled.csv")).ToDictionary(r => r["case_id"], r => r["reason"]);
        var numbers = Csv(Path.Combine(folder, "allocations.csv")).GroupBy(r => r["case_id"]).ToDictionary(g => g.Key, g => g.Count());
        var taken = appointments.Values.GroupBy(r => (r["post"], r["date"], r["start"])).ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r["applicants"], CultureInfo.InvariantCulture)));
        var sessions = scenario.Posts.ToDictionary(p => p.Code.Value, p => PostCalendar.UsableSessions(p, scenario.Month, scenario.AsOf));
        var failures = new List<string>();
        var explained = 0;
        foreach (var visaCase in scenario.Cases)
        {
            var e = explainer.Explain(visaCase.Id);
            explained++;
            var id = visaCase.Id.Value;
            void Check(bool ok, string what)
            {
                if (!ok)
                {
                    failures.Add($"{id}: {what}");
                }
            }
            Check(ExplainJson.Read(ExplainJson.Write(e)) is not null, "JSON round trip");
            Check(e.Outcome.Seated == appointments.ContainsKey(id), "seated iff in appointments.csv");
            Check(e.Summary.Count > 0, "a summary");
            foreach (var ahead in (e.Rules.Capacity?.Queue?.Ahead ?? []).Concat(e.Rules.Numbers.Pool?.Ahead ?? []))
            {
                Check(ahead.Seated == appointments.ContainsKey(ahead.Id), $"{ahead.Id} ahead of it: seated iff in appointments.csv");
            }
            Check((e.Rules.Capacity?.Queue is not { } q || q.Ahead.Count == Math.Min(CaseExplainer.AheadShown, q.Position - 1))
                && (e.Rules.Numbers.Pool is not { Position: { } at } p || p.Ahead.Count == Math.Min(CaseExplainer.AheadShown, at - 1)), "the nearest cases ahead are named");
            Check(e.Outcome.NumbersAllocated == numbers.GetValueOrDefault(id), "numbers allocated equal its allocations.csv rows");
            if (appointments.TryGetValue(id, out var row))
            {
                Check(e.Outcome.Post == row["post"] && e.Outcome.Date == row["date"] && e.Outcome.Start == row["start"]
                    && e.Outcome.Applicants == int.Parse(row["applicants"], CultureInfo.InvariantCulture), "same appointment as the file");
                Check(e.FirstFailingRule is null && e.AgreesWithSchedule, $"a seated case passes every rule, not {e.FirstFailingRule}");
                Check(e.Rules.Numbers.Pool is null || e.Outcome.NumbersAllocated == e.Case.TravelingApplicants, "one number per traveling applicant");
                foreach (var earlier in e.Rules.Capacity!.EarlierSessions!)
                {
                    Check(string.CompareOrdinal(earlier.Date + earlier.Start, row["date"] + row["start"]) < 0, "earlier sessions come before its own");
                    var free = earlier.Capacity - taken.GetValueOrDefault((row["post"], earlier.Date, earlier.Start));
                    Check(earlier.Free == free && (earlier.Verdict == "full") == (free < e.Case.TravelingApplicants), $"earlier session {earlier.Date} {earlier.Start} free {free}, said {earlier.Verdict}");
                }
                continue;
            }
            var reason = unscheduled[id];
            Check(e.Outcome.Reason == reason, $"reason {e.Outcome.Reason} is the file's {reason}");
            Check(e.FirstFailingRule == reason && e.AgreesWithSchedule, $"the figures say {e.FirstFailingRule}, the file {reason}");
            var rules = e.Rules;
            switch (reason)
            {
                case "NOT_QUALIFIED":
                    Check(rules.Qualified.DqDate is null || string.CompareOrdinal(rules.Qualified.DqDate, rules.Qualified.AsOf) > 0, "DQ after asOf");
                    break;
                case "NOT_CURRENT":
                    Check(rules.Current.Limited && rules.Current.EarliestCurrentCutoff == visaCase.PriorityDate.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "cutoff = PD + 1");
                    Check(rules.Current.FinalAction is null or "U" || string.CompareOrdinal(rules.Current.FinalAction, rules.Current.PriorityDate) <= 0, "cutoff not later than PD");
                    break;
                case "NO_TRAVELING_APPLICANTS":
                    Check(rules.Traveling.Traveling == 0, "nobody travels");
                    break;
                case "NO_POST":
                    Check(rules.Post.Post is null && e.Case.PostAssignedBy == "none", "no post");
                    break;
                case "DOCUMENTS_EXPIRE":
                    Check(string.CompareOrdinal(rules.Documents.ValidThrough, rules.Documents.FirstUsableSession) < 0, "documents expire before the first session");
                    break;
                case "NO_NUMBERS":
                    Check(rules.Numbers.Pool is { Shortfall: > 0 } pool && pool.Left < rules.Numbers.Needed
                        && pool.Shortfall == rules.Numbers.Needed - pool.Left, "a shortfall");
                    break;
                case "MIX_LIMIT":
                    Check(rules.Numbers.Pool is null or { Shortfall: 0 }, "no numbers shortfall");
                    Check(rules.Mix!.MaxRules.Any(r => r.Binding && r.Excess > 0 && r.CountingWith > r.Max * r.TotalWith), "a binding max rule");
                    break;
                case "NO_CAPACITY":
                    Check(rules.Numbers.Pool is null or { Shortfall: 0 } && rules.Mix!.Binding is null, "numbers and mix rules allow it");
                    Check(rules.Capacity!.EarliestWithRoom is null, "no session has room");
                    var limit = visaCase.DocumentsValidThrough() ?? LocalDate.MaxIsoValue;
                    var room = sessions[e.Case.Post!].Where(s => s.Date <= limit)
                        .Any(s => s.Capacity - taken.GetValueOrDefault((s.Post.Value, Iso(s.Date), s.Start.ToString("HH:mm", CultureInfo.InvariantCulture))) >= e.Case.TravelingApplicants);
                    Check(!room, "the files leave no session with room");
                    Check(rules.Capacity.SeatsToFree is null or > 0, "seats to free");
                    break;
            }
        }
        Assert.Equal(scenario.Cases.Count, explained);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A plain CSV file as rows by column name (the engine's ids need no quoting).</summary>
    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}

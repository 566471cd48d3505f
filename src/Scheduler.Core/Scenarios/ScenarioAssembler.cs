using System.Globalization;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Scenarios;

/// <summary>The one validator of a scenario as given: every check that spans records (duplicate ids,
/// principals, post codes, duplicate rows, which numbers source wins), the same whether the
/// <see cref="ScenarioInputs"/> came from files, the database or the API; then the
/// <see cref="Scenario"/>, with its pools derived from the Act when they are not given. Checks of
/// single values written as text (dates, codes, quoting) belong to whoever parsed the text.</summary>
public static class ScenarioAssembler
{
    /// <summary>Checks <paramref name="inputs"/> and, when nothing is wrong, builds the scenario.</summary>
    public static ScenarioAssembly Assemble(ScenarioInputs inputs)
    {
        var problems = Check(inputs);
        if (problems.Count > 0)
        {
            return new ScenarioAssembly(null, problems);
        }
        var bulletin = new VisaBulletin(inputs.Bulletin.Select(e =>
            new KeyValuePair<(VisaCategory, Chargeability), FinalActionDate>((e.Category, e.Chargeability), e.FinalAction)));
        var (numbers, derivation) = NumbersAssembly.Pools(inputs);
        var scenario = new Scenario(inputs.Month, inputs.AsOf, inputs.Cases, inputs.Posts, bulletin, numbers) { Derivation = derivation };
        return new ScenarioAssembly(scenario, problems);
    }

    /// <summary>Every problem of <paramref name="inputs"/>, without building anything: a file reader
    /// that already found bad rows still reports these beside them. The inputs may then be partial
    /// (the records that parsed).</summary>
    public static IReadOnlyList<ScenarioProblem> Check(ScenarioInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = new List<ScenarioProblem>();
        var postCodes = CheckPosts(inputs, problems);
        var counted = CheckCases(inputs, postCodes, problems);
        CheckApplicants(inputs, counted, problems);
        CheckBulletin(inputs, problems);
        NumbersAssembly.Check(inputs.Numbers, problems);
        return problems;
    }

    /// <summary>The most seats a post may offer in a month: far beyond any consulate (the largest offer a few
    /// thousand), and low enough that a month's counts can never overflow the engine's arithmetic.</summary>
    public const long MaxPostSeats = 10_000_000;

    /// <summary>The most seats a month may offer over all posts.</summary>
    public const long MaxSeats = 1_000_000_000;

    /// <summary>The seats of every session of every day of the month, before weekends, closed days and notice.</summary>
    private static long MostSeats(Post post, YearMonth month)
    {
        long seats = 0;
        for (var day = month.OnDayOfMonth(1); day.ToYearMonth() == month; day = day.PlusDays(1))
        {
            foreach (var session in post.Days.TryGetValue(day, out var own) ? own : post.Sessions)
            {
                seats += session.Applicants;
            }
        }
        return seats;
    }

    private static HashSet<PostCode> CheckPosts(ScenarioInputs inputs, List<ScenarioProblem> problems)
    {
        var codes = new Dictionary<PostCode, int>();
        long seats = 0;
        for (var i = 0; i < inputs.Posts.Count; i++)
        {
            var code = inputs.Posts[i].Code;
            if (!codes.TryAdd(code, i))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Post, i, $"posts[{i}].code: duplicate post code '{code}'") { FirstIndex = codes[code] });
            }
            var offered = MostSeats(inputs.Posts[i], inputs.Month);
            seats += offered;
            if (offered > MaxPostSeats)
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Post, i, string.Create(CultureInfo.InvariantCulture,
                    $"posts[{i}] ({code}).sessions: {offered:N0} seats in the month, more than the {MaxPostSeats:N0} a post may offer")));
            }
        }
        if (seats > MaxSeats && problems.Count == 0)
        {
            problems.Add(new ScenarioProblem(ScenarioPart.Post, 0, string.Create(CultureInfo.InvariantCulture,
                $"posts: {seats:N0} seats in the month over all posts, more than the {MaxSeats:N0} a month may offer")));
        }
        return codes.Keys.ToHashSet();
    }

    /// <summary>Checks each case's id and post; returns which cases count further (a case already
    /// refused, e.g. a second one with the same id, is not also judged on its applicants).</summary>
    private static bool[] CheckCases(ScenarioInputs inputs, HashSet<PostCode> postCodes, List<ScenarioProblem> problems)
    {
        var counted = new bool[inputs.Cases.Count];
        var first = new Dictionary<CaseId, int>();
        for (var i = 0; i < inputs.Cases.Count; i++)
        {
            var visaCase = inputs.Cases[i];
            if (visaCase.Post is { } post && !postCodes.Contains(post))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Case, i, $"post: unknown post code '{post}'"));
                continue;
            }
            if (!first.TryAdd(visaCase.Id, i))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Case, i, $"case_id: duplicate case '{visaCase.Id}'") { FirstIndex = first[visaCase.Id] });
                continue;
            }
            counted[i] = true;
        }
        return counted;
    }

    private static void CheckApplicants(ScenarioInputs inputs, bool[] counted, List<ScenarioProblem> problems)
    {
        // A second applicant with an id already seen is refused and not counted as its case's principal.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var principals = new int[inputs.Cases.Count];
        for (var i = 0; i < inputs.Cases.Count; i++)
        {
            if (!counted[i])
            {
                continue;
            }
            var applicants = inputs.Cases[i].Applicants;
            for (var a = 0; a < applicants.Count; a++)
            {
                if (!seen.Add(applicants[a].Id))
                {
                    problems.Add(new ScenarioProblem(ScenarioPart.Applicant, i, $"applicant_id: duplicate applicant '{applicants[a].Id}'") { ApplicantIndex = a });
                }
                else if (applicants[a].Role == ApplicantRole.Principal)
                {
                    principals[i]++;
                }
            }
        }
        for (var i = 0; i < inputs.Cases.Count; i++)
        {
            if (counted[i] && principals[i] != 1)
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Case, i,
                    $"case '{inputs.Cases[i].Id}' has {principals[i]} principal applicants (role P) in applicants.csv; exactly one is required"));
            }
        }
    }

    private static void CheckBulletin(ScenarioInputs inputs, List<ScenarioProblem> problems)
    {
        var first = new Dictionary<(VisaCategory, Chargeability), int>();
        for (var i = 0; i < inputs.Bulletin.Count; i++)
        {
            var entry = inputs.Bulletin[i];
            var key = (entry.Category, entry.Chargeability);
            if (!first.TryAdd(key, i))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Bulletin, i, $"duplicate row for {key.Category} {key.Item2}") { FirstIndex = first[key] });
            }
        }
    }
}

using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;

namespace Scheduler.Files.Input;

/// <summary>Parts of a scenario given on their own (an administrator loading a month's bulletin, its
/// pools, or a batch of cases): read and checked by the same readers and the same
/// <see cref="ScenarioAssembler"/> checks as a scenario folder, every problem as <c>file:line: message</c>.</summary>
public static class ScenarioParts
{
    /// <summary>A <c>bulletin.csv</c>, or null after reporting its problems.</summary>
    public static IReadOnlyList<BulletinEntry>? ReadBulletin(string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var rows = ScenarioReader.ReadBulletin(path, problems);
        var entries = rows.Select(r => r.Entry).ToList();
        Report(Check(bulletin: entries), ScenarioPart.Bulletin, rows.Select(r => r.Line).ToList(), Path.GetFileName(path), problems);
        return problems.Count == before ? entries : null;
    }

    /// <summary>A <c>numbers.csv</c>, or null after reporting its problems.</summary>
    public static IReadOnlyList<NumberPoolEntry>? ReadPools(string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var rows = ScenarioReader.ReadPools(path, problems);
        var pools = rows.Select(r => r.Entry).ToList();
        Report(Check(numbers: new NumbersInput { Pools = pools }), ScenarioPart.Numbers, rows.Select(r => r.Line).ToList(), Path.GetFileName(path), problems);
        return problems.Count == before ? pools : null;
    }

    /// <summary><c>cases.csv</c> and <c>applicants.csv</c>, their cases' posts among <paramref name="posts"/>,
    /// or null after reporting their problems.</summary>
    public static IReadOnlyList<VisaCase>? ReadCases(string casesPath, string applicantsPath, IReadOnlyCollection<PostCode> posts, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(posts);
        var before = problems.Count;
        var read = CasesReader.Read(casesPath, applicantsPath, problems);
        var checks = Check(cases: read.Cases, posts: [.. posts.Select(p => new Post { Code = p })]);
        foreach (var problem in checks)
        {
            if (problem.Part == ScenarioPart.Applicant && problem.ApplicantIndex is { } a && problem.Index < read.ApplicantLines.Count && a < read.ApplicantLines[problem.Index].Count)
            {
                problems.Add(Path.GetFileName(applicantsPath), read.ApplicantLines[problem.Index][a], problem.Message);
            }
            else if (problem.Index >= 0 && problem.Index < read.CaseLines.Count)
            {
                problems.Add(Path.GetFileName(casesPath), read.CaseLines[problem.Index], problem.Message);
            }
        }
        return problems.Count == before ? read.Cases : null;
    }

    private static IReadOnlyList<ScenarioProblem> Check(IReadOnlyList<BulletinEntry>? bulletin = null, NumbersInput? numbers = null,
        IReadOnlyList<VisaCase>? cases = null, IReadOnlyList<Post>? posts = null) =>
        ScenarioAssembler.Check(new ScenarioInputs(new YearMonth(2000, 1), new LocalDate(2000, 1, 1), posts ?? [], cases ?? [], bulletin ?? [],
            numbers ?? NumbersInput.Unlimited));

    private static void Report(IReadOnlyList<ScenarioProblem> found, ScenarioPart part, List<int> lines, string file, ProblemList problems)
    {
        foreach (var problem in found.Where(p => p.Part == part))
        {
            problems.Add(file, problem.Index >= 0 && problem.Index < lines.Count ? lines[problem.Index] : 0, problem.Message);
        }
    }
}

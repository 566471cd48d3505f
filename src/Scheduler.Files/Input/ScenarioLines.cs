using Scheduler.Core.Scenarios;

namespace Scheduler.Files.Input;

/// <summary>Where each record of a <see cref="ScenarioInputs"/> read from files came from, to report
/// the <see cref="ScenarioAssembler"/>'s problems as <c>file:line: message</c>.</summary>
internal sealed class ScenarioLines
{
    /// <summary>The line each post's object starts on in <c>posts.json</c>.</summary>
    public List<int> Posts { get; } = [];

    /// <summary>The <c>cases.csv</c> line of each case.</summary>
    public List<int> Cases { get; } = [];

    /// <summary>Per case, the <c>applicants.csv</c> line of each of its applicants.</summary>
    public List<List<int>> Applicants { get; } = [];

    /// <summary>The <c>bulletin.csv</c> line of each bulletin row.</summary>
    public List<int> Bulletin { get; } = [];

    /// <summary>The <c>numbers.csv</c> line of each pool.</summary>
    public List<int> Numbers { get; } = [];

    /// <summary>The <c>limits.csv</c> line of each limit.</summary>
    public List<int> Limits { get; } = [];

    /// <summary>The <c>usage.csv</c> line of each usage row.</summary>
    public List<int> Usage { get; } = [];

    /// <summary>Adds each of <paramref name="found"/> to <paramref name="problems"/> at its file and line.</summary>
    public void Report(IEnumerable<ScenarioProblem> found, ProblemList problems)
    {
        foreach (var problem in found)
        {
            var (file, line) = Locate(problem);
            // cases.csv has always named the first line of a duplicate case; the other files do not.
            var message = problem is { Part: ScenarioPart.Case, FirstIndex: { } first }
                ? $"{problem.Message} (first on line {Cases[first]})"
                : problem.Message;
            problems.Add(file, line, message);
        }
    }

    private (string File, int Line) Locate(ScenarioProblem problem) => problem.Part switch
    {
        ScenarioPart.Settings => ("settings.json", 1),
        ScenarioPart.Post => ("posts.json", Posts[problem.Index]),
        ScenarioPart.Case => ("cases.csv", Cases[problem.Index]),
        ScenarioPart.Applicant => ("applicants.csv", Applicants[problem.Index][problem.ApplicantIndex ?? 0]),
        ScenarioPart.Bulletin => ("bulletin.csv", Bulletin[problem.Index]),
        ScenarioPart.Numbers => ("numbers.csv", Numbers[problem.Index]),
        ScenarioPart.Limits => ("limits.csv", Limits[problem.Index]),
        _ => ("usage.csv", Usage[problem.Index]),
    };
}

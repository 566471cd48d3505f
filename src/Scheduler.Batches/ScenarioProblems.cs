using Scheduler.Core.Scenarios;

namespace Scheduler.Batches;

/// <summary>Where a problem of a scenario read from the database lies: the record it names, by
/// id, since there is no file line to give. The message is the one a scenario folder gets.</summary>
public static class ScenarioProblems
{
    /// <summary><c>database: case 'ID': message</c> and the like.</summary>
    public static string Describe(ScenarioInputs inputs, ScenarioProblem problem)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(problem);
        var where = problem.Part switch
        {
            ScenarioPart.Case or ScenarioPart.Applicant when problem.Index >= 0 && problem.Index < inputs.Cases.Count => $"case '{inputs.Cases[problem.Index].Id}'",
            ScenarioPart.Post when problem.Index >= 0 && problem.Index < inputs.Posts.Count => $"post {inputs.Posts[problem.Index].Code}",
            ScenarioPart.Bulletin when problem.Index >= 0 && problem.Index < inputs.Bulletin.Count =>
                $"bulletin {inputs.Bulletin[problem.Index].Category} {inputs.Bulletin[problem.Index].Chargeability}",
            _ => $"{problem.Part.ToString().ToLowerInvariant()} row {problem.Index + 1}",
        };
        return $"database: {where}: {problem.Message}";
    }
}

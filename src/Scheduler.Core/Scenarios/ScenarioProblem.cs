namespace Scheduler.Core.Scenarios;

/// <summary>The part of a <see cref="ScenarioInputs"/> a problem is in: which list
/// <see cref="ScenarioProblem.Index"/> counts in.</summary>
public enum ScenarioPart
{
    /// <summary>The month and run date.</summary>
    Settings,

    /// <summary><see cref="ScenarioInputs.Posts"/>.</summary>
    Post,

    /// <summary><see cref="ScenarioInputs.Cases"/>.</summary>
    Case,

    /// <summary>An applicant of a case: <see cref="ScenarioProblem.Index"/> is the case's position in
    /// <see cref="ScenarioInputs.Cases"/>, <see cref="ScenarioProblem.ApplicantIndex"/> the applicant's
    /// position in that case's applicants.</summary>
    Applicant,

    /// <summary><see cref="ScenarioInputs.Bulletin"/>.</summary>
    Bulletin,

    /// <summary><see cref="NumbersInput.Pools"/>.</summary>
    Numbers,

    /// <summary><see cref="NumbersInput.Limits"/>.</summary>
    Limits,

    /// <summary><see cref="NumbersInput.Usage"/>.</summary>
    Usage,
}

/// <summary>One thing wrong with a scenario as given, located by record rather than by file line, so
/// that files, the database and the API report it with the same message.</summary>
/// <param name="Part">The list the offending record is in.</param>
/// <param name="Index">The record's 0-based position in that list (for <see cref="ScenarioPart.Applicant"/>, its case's).</param>
/// <param name="Message">What is wrong, as the file readers print it after <c>file:line: </c>.</param>
public sealed record ScenarioProblem(ScenarioPart Part, int Index, string Message)
{
    /// <summary>For <see cref="ScenarioPart.Applicant"/>: the applicant's 0-based position in its case's
    /// <see cref="Cases.VisaCase.Applicants"/>; null for every other part.</summary>
    public int? ApplicantIndex { get; init; }

    /// <summary>For a duplicate: the 0-based position (in the same list) of the first record with the
    /// same key, which a file reader names by its line; null otherwise.</summary>
    public int? FirstIndex { get; init; }
}

namespace Scheduler.Files.Input;

/// <summary>One thing wrong with an input file, located by file name and 1-based line (0 when the
/// whole file is meant).</summary>
public sealed record InputProblem(string File, int Line, string Message)
{
    /// <summary><c>file:line: message</c>, or <c>file: message</c> when the whole file is meant (a missing file).</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>Collects problems up to a limit, counting the rest.</summary>
public sealed class ProblemList
{
    /// <summary>Most problems kept; the rest are only counted.</summary>
    public const int Limit = 100;

    private readonly List<InputProblem> _problems = [];
    private readonly List<InputProblem> _warnings = [];

    /// <summary>Problems kept, in the order found.</summary>
    public IReadOnlyList<InputProblem> Items => _problems;

    /// <summary>All problems found, kept or not.</summary>
    public int Count { get; private set; }

    /// <summary>Records a problem.</summary>
    public void Add(string file, int line, string message)
    {
        Count++;
        if (_problems.Count < Limit)
        {
            _problems.Add(new InputProblem(file, line, message));
        }
    }

    /// <summary>Things read but ignored (a property name the spec does not know): not problems, the
    /// input is still used, but worth telling whoever wrote it.</summary>
    public IReadOnlyList<InputProblem> Warnings => _warnings;

    /// <summary>Records a warning (at most <see cref="Limit"/> are kept).</summary>
    public void Warn(string file, int line, string message)
    {
        if (_warnings.Count < Limit)
        {
            _warnings.Add(new InputProblem(file, line, message));
        }
    }

    /// <summary>Records every problem of <paramref name="other"/>, after these.</summary>
    public void AddRange(ProblemList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var problem in other._problems)
        {
            Add(problem.File, problem.Line, problem.Message);
        }
        foreach (var warning in other._warnings)
        {
            Warn(warning.File, warning.Line, warning.Message);
        }
        Count += other.Count - other._problems.Count;
    }

    /// <summary>The problems as lines to print, with a count line when some were left out.</summary>
    public IEnumerable<string> Lines() =>
        Count > _problems.Count
            ? _problems.Select(p => p.ToString()).Append($"... and {Count - _problems.Count} more problems")
            : _problems.Select(p => p.ToString());
}

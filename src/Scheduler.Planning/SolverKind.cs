namespace Scheduler.Planning;

/// <summary>Which scheduler plans the month.</summary>
public enum SolverKind
{
    /// <summary>First fit alone (<c>greedy</c>): fast, first in, first out, no search.</summary>
    Greedy,

    /// <summary>First fit, then a CP-SAT search per post (<c>cpsat</c>): never worse than first fit.</summary>
    CpSat,
}

/// <summary>The command-line and <c>summary.json</c> names of <see cref="SolverKind"/>.</summary>
public static class SolverKinds
{
    /// <summary><c>greedy</c> or <c>cpsat</c>.</summary>
    public static string Code(this SolverKind kind) => kind == SolverKind.Greedy ? "greedy" : "cpsat";

    /// <summary>Parses <c>greedy</c> or <c>cpsat</c> (case-insensitive).</summary>
    public static bool TryParse(string? code, out SolverKind kind)
    {
        kind = SolverKind.CpSat;
        if (string.Equals(code, "greedy", StringComparison.OrdinalIgnoreCase))
        {
            kind = SolverKind.Greedy;
            return true;
        }
        return string.Equals(code, "cpsat", StringComparison.OrdinalIgnoreCase);
    }
}

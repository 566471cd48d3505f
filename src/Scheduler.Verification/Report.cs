namespace Scheduler.Verification;

/// <summary>One broken rule instance: the rule (e.g. <c>R3-capacity</c>, <c>FIFO-queue</c>) and what is wrong.</summary>
public sealed record Violation(string Rule, string Message);

/// <summary>The outcome of a verification: violations of the rules, and files that could not be read.</summary>
public sealed record VerificationReport(IReadOnlyList<Violation> Violations, IReadOnlyList<string> InputProblems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool Passed => Violations.Count == 0 && InputProblems.Count == 0;
}

using System.ComponentModel.DataAnnotations;

namespace Scheduler.Planning;

/// <summary>How a month is planned. Same scenario, solver, seed and workers give the same
/// schedule, unless <see cref="TimeLimit"/> strikes.</summary>
public sealed class PlanOptions
{
    /// <summary>Most worker threads accepted.</summary>
    public const int MaxWorkers = 256;

    /// <summary>The scheduler; default <see cref="SolverKind.CpSat"/>.</summary>
    public SolverKind Solver { get; init; } = SolverKind.CpSat;

    /// <summary>CP-SAT's random seed; default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Posts planned at once, 1 to <see cref="MaxWorkers"/>; default one per core.</summary>
    [Range(1, MaxWorkers)]
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Wall time the plan may take, counted from the call; default none. The search stops
    /// early enough to leave time for the checks (the smaller of 3 s and 15 % of the limit);
    /// posts not solved by then keep first fit's schedule. First fit itself is never cut short.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>CP-SAT deterministic time per post, split over its objective levels; default 3.</summary>
    [Range(0.01, 1000.0)]
    public double DeterministicTimePerPost { get; init; } = 3.0;

    /// <summary>Every problem with these options, as <c>name: message</c>; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Solver))
        {
            problems.Add($"solver: unknown solver {(int)Solver}");
        }
        if (Workers is < 1 or > MaxWorkers)
        {
            problems.Add($"workers: must be 1 to {MaxWorkers}, got {Workers}");
        }
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            problems.Add("time limit: must be more than 0 seconds");
        }
        if (!(DeterministicTimePerPost > 0) || double.IsInfinity(DeterministicTimePerPost))
        {
            problems.Add($"deterministic time per post: must be more than 0, got {DeterministicTimePerPost}");
        }
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every problem, if any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }
    }
}

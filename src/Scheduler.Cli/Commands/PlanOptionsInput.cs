using System.CommandLine;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>The engine's options as <c>plan</c>, <c>whatif</c> and <c>run</c> take them (<c>--solver</c>,
/// <c>--seed</c>, <c>--workers</c>, <c>--time-limit</c>), read into one <see cref="PlanOptions"/> checked as
/// the engine checks it.</summary>
internal sealed class PlanOptionsInput
{
    /// <param name="timeLimit">What <c>--time-limit</c> bounds, for its help.</param>
    public PlanOptionsInput(string timeLimit)
    {
        Solver.AcceptOnlyFromAmong("greedy", "cpsat");
        TimeLimit = new Option<double?>("--time-limit") { Description = timeLimit };
    }

    public Option<string> Solver { get; } = new("--solver") { Description = "greedy (first fit) or cpsat.", DefaultValueFactory = _ => "cpsat" };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed of the solver.", DefaultValueFactory = _ => 1 };

    public Option<int> Workers { get; } = new("--workers") { Description = "Worker threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };

    public Option<double?> TimeLimit { get; }

    /// <summary>Adds the four options to <paramref name="command"/>; returns it.</summary>
    public Command AddTo(Command command)
    {
        foreach (var option in (Option[])[Solver, Seed, Workers, TimeLimit])
        {
            command.Options.Add(option);
        }
        return command;
    }

    /// <summary>The options given, without a time limit (the caller sets what is left of <paramref name="limit"/> when it
    /// plans: see <see cref="WithinLimit"/>), or null after writing the first problem to <paramref name="error"/> (bad
    /// input, exit 2).</summary>
    public PlanOptions? Read(ParseResult parse, TextWriter error, out double? limit)
    {
        limit = parse.GetValue(TimeLimit);
        if (limit is <= 0)
        {
            error.WriteLine("--time-limit: must be more than 0 seconds");
            return null;
        }
        SolverKinds.TryParse(parse.GetValue(Solver), out var kind);
        var options = new PlanOptions { Solver = kind, Seed = parse.GetValue(Seed), Workers = parse.GetValue(Workers) };
        if (options.Problems() is { Count: > 0 } problems)
        {
            error.WriteLine($"--{problems[0]}");
            return null;
        }
        return options;
    }

    /// <summary><paramref name="options"/> with what is left of a <c>--time-limit</c> of <paramref name="limit"/> seconds
    /// once <paramref name="used"/> is spent (plan and whatif count their reading against it; run's limit is its plan's
    /// alone). Unchanged without a limit.</summary>
    public static PlanOptions WithinLimit(PlanOptions options, double? limit, TimeSpan used) => limit is not { } l ? options : new PlanOptions
    {
        Solver = options.Solver, Seed = options.Seed, Workers = options.Workers, DeterministicTimePerPost = options.DeterministicTimePerPost,
        TimeLimit = TimeSpan.FromSeconds(Math.Max(0.05, l - used.TotalSeconds)),
    };
}

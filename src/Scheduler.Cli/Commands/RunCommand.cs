using System.CommandLine;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Batches;
using Scheduler.Files.Input;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary><c>run --month M [--force] [--as-of D] [--db C] [--solver S] [--seed N] [--workers N] [--time-limit S]</c>:
/// one batch now, against the database, then exit.</summary>
internal static class RunCommand
{
    /// <summary>Set to 1 by a test: the batch writes every row, then holds inside its commit transaction
    /// (for a test to kill the process there).</summary>
    internal const string HoldInCommitVariable = "SCHEDULER_TEST_HOLD_IN_COMMIT";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var month = Database.MonthOption();
        var force = new Option<bool>("--force") { Description = "Supersede the month's committed batch (kept as history)." };
        var asOf = new Option<string?>("--as-of") { Description = "The run date, yyyy-MM-dd (default: the month's asOf as imported)." };
        var db = Database.Option();
        var solver = new Option<string>("--solver") { Description = "greedy (first fit) or cpsat.", DefaultValueFactory = _ => "cpsat" };
        solver.AcceptOnlyFromAmong("greedy", "cpsat");
        var seed = new Option<int>("--seed") { Description = "Random seed of the solver.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Worker threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds the plan may take." };
        var command = new Command("run", "Run one month's batch against the database now and exit: one snapshot, one plan, one commit.")
            { month, force, asOf, db, solver, seed, workers, timeLimit };
        command.SetAction(parse =>
        {
            if (!Database.TryMonth(parse.GetValue(month), error, out var m))
            {
                return ExitCodes.BadInput;
            }
            LocalDate? runDate = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!Values.TryDate(text, out var date))
                {
                    error.WriteLine($"--as-of: expected yyyy-MM-dd, got '{text}'");
                    return ExitCodes.BadInput;
                }
                runDate = date;
            }
            if (parse.GetValue(timeLimit) is <= 0)
            {
                error.WriteLine("--time-limit: must be more than 0 seconds");
                return ExitCodes.BadInput;
            }
            SolverKinds.TryParse(parse.GetValue(solver), out var kind);
            var options = new PlanOptions
            {
                Solver = kind, Seed = parse.GetValue(seed), Workers = parse.GetValue(workers),
                TimeLimit = parse.GetValue(timeLimit) is { } s ? TimeSpan.FromSeconds(s) : null,
            };
            if (options.Problems() is { Count: > 0 } problems)
            {
                error.WriteLine($"--{problems[0]}");
                return ExitCodes.BadInput;
            }
            using var stop = new Database.StopSignal(error, "the batch commits nothing");
            return DbCommand.Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), stop.Token);
                if (Environment.GetEnvironmentVariable(HoldInCommitVariable) == "1")
                {
                    store.BeforeBatchCommit = async () =>
                    {
                        error.WriteLine("holding inside the commit transaction");
                        error.Flush();
                        await Task.Delay(TimeSpan.FromMinutes(10));
                    };
                }
                using var logs = Database.Logs();
                var runner = new BatchRunner(store, new MonthlyPlanner(), TimeProvider.System, logs.CreateLogger<BatchRunner>());
                var result = await runner.RunAsync(new BatchRunRequest(m, options, runDate, parse.GetValue(force)), stop.Token);
                return Report(result, m, output, error);
            });
        });
        return command;
    }

    /// <summary>Prints a batch run's outcome and gives its exit code.</summary>
    public static int Report(BatchRunResult result, YearMonth month, TextWriter output, TextWriter error)
    {
        var name = Values.Format(month);
        switch (result.Status)
        {
            case BatchRunStatus.Committed:
                output.WriteLine($"batch {result.BatchId} committed: " + Summary.Line(result.Plan!, (long)result.Plan!.Elapsed.TotalMilliseconds, "database"));
                return ExitCodes.Success;
            case BatchRunStatus.AlreadyCommitted:
                error.WriteLine($"month {name} already has committed batch {result.BatchId}; nothing run (--force supersedes it)");
                return ExitCodes.Failed;
            case BatchRunStatus.AlreadyRunning:
                error.WriteLine($"month {name} is being run by another worker; nothing run");
                return ExitCodes.Failed;
            case BatchRunStatus.Stopped:
                error.WriteLine($"batch {result.BatchId} stopped before commit: nothing was written");
                return ExitCodes.Failed;
            default:
                foreach (var problem in result.Problems)
                {
                    error.WriteLine(problem);
                }
                return ExitCodes.BadInput;
        }
    }
}

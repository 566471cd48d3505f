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
        var engine = new PlanOptionsInput("Seconds the plan may take.");
        var command = engine.AddTo(new Command("run", "Run one month's batch against the database now and exit: one snapshot, one plan, one commit.")
            { month, force, asOf, db });
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
            if (engine.Read(parse, error, out var limit) is not { } read)
            {
                return ExitCodes.BadInput;
            }
            // The limit is the plan's own (the snapshot's read and the commit come on top).
            var options = PlanOptionsInput.WithinLimit(read, limit, TimeSpan.Zero);
            using var stop = new StopSignal(error, "the batch commits nothing");
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
                return BatchRunOutcome.Report(result, m, output, error);
            });
        });
        return command;
    }
}

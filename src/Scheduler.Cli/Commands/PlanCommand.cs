using System.CommandLine;
using System.Diagnostics;
using Scheduler.Batches;
using Scheduler.Files.Input;
using Scheduler.Files.Output;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary><c>plan SCENARIO --out DIR [--solver greedy|cpsat] [--time-limit S] [--seed N] [--workers N]</c>:
/// reads the folder, calls <see cref="MonthlyPlanner"/>, writes the output folder.</summary>
internal static class PlanCommand
{
    /// <summary>Set to 1 by a test: after the first post is solved, each worker waits for the stop
    /// signal before going on, so the signal always finds the search under way.</summary>
    internal const string HoldSearchVariable = "SCHEDULER_TEST_HOLD_SEARCH";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("SCENARIO") { Description = "The scenario folder." };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The output folder: new, empty, or a previous schedule (replaced when complete).", Required = true };
        var engine = new PlanOptionsInput("Seconds the whole run may take.");
        var cache = new SolveCacheInput();
        var command = cache.AddTo(engine.AddTo(new Command("plan", "Solve one monthly batch and write the output folder.") { scenario, outDir }));
        command.SetAction(parse =>
        {
            var stopwatch = Stopwatch.StartNew();
            if (engine.Read(parse, error, out var limit) is not { } options || !cache.TryRead(parse, error, out var kept))
            {
                return ExitCodes.BadInput;
            }
            // Checked before the run, not after it: an --out that holds anything but a previous
            // schedule (the scenario, a home folder) is never replaced.
            if (OutputFolder.WhyNotReplaceable(parse.GetValue(outDir)!.FullName, OutputFolder.ScheduleFiles) is { } refused)
            {
                error.WriteLine($"--out {refused}");
                return ExitCodes.BadInput;
            }
            if (ScenarioInput.ReadOrReport(parse.GetValue(scenario)!.FullName, error) is not { } read)
            {
                return ExitCodes.BadInput;
            }
            // Ctrl+C (or a SIGTERM from a supervisor) stops the search: the best schedule so far is
            // still written. A second one terminates at once (the output folder is written
            // atomically, so that leaves nothing half-written).
            using var stop = new StopSignal(error,
                "the best schedule so far will be written, or nothing if first fit has not finished", "stopping the search; ");
            options = PlanOptionsInput.WithinLimit(options, limit, stopwatch.Elapsed);
            // On a terminal, a progress bar of posts done of posts (plain output gets the summary line only).
            var terminal = Terminal.For(output);
            // The input hash (summary.json's inputHash) is made beside the plan: first fit and the
            // reading before it leave a core free.
            var inputHash = Task.Run(() => ScenarioHash.Of(read.Inputs!), CancellationToken.None);
            var solves = kept.Directory is { } folder ? new PlanCache(folder) : null;
            var plan = terminal.Progress("plan", shown =>
                new MonthlyPlanner(TimeProvider.System, solves)
                    .Plan(read.Scenario!, options, Both(shown, HoldAfterFirstPost(stop.Token)), stop.Token));
            var target = parse.GetValue(outDir)!.FullName;
            ScheduleWriter.Write(target, plan.Schedule, plan.Figures, PlanRunInfo.For(plan, stopwatch.ElapsedMilliseconds, inputHash.GetAwaiter().GetResult()));
            kept.TrimAfterRun();
            if (terminal.Rich)
            {
                Summary.Table(terminal, plan);
            }
            output.WriteLine(BatchRunOutcome.SummaryLine(plan, stopwatch.ElapsedMilliseconds, target));
            kept.ReportTaken(solves?.AnswersFromFolder ?? 0, error, "plan");
            if (limit is { } asked && stopwatch.Elapsed.TotalSeconds > asked)
            {
                // No search ran past the limit; reading, first fit and writing cannot be cut short.
                error.WriteLine($"--time-limit {asked:0.###} s: the run took {stopwatch.Elapsed.TotalSeconds:0.0} s, " +
                    "what reading, first fit and writing need at this size; no post was searched past the limit");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static IProgress<PlanProgress>? Both(IProgress<PlanProgress>? first, IProgress<PlanProgress>? second) =>
        first is null ? second : second is null ? first : new SynchronousProgress<PlanProgress>(p =>
        {
            first.Report(p);
            second.Report(p);
        });

    private static IProgress<PlanProgress>? HoldAfterFirstPost(CancellationToken stop) =>
        Environment.GetEnvironmentVariable(HoldSearchVariable) != "1" ? null : new SynchronousProgress<PlanProgress>(progress =>
        {
            if (progress is { Stage: PlanStage.PostHandled, Searched: true })
            {
                stop.WaitHandle.WaitOne();
            }
        });
}

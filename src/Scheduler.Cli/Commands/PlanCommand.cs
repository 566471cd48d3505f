using System.Runtime.InteropServices;
using System.CommandLine;
using System.Diagnostics;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;
using Scheduler.Files.Output;
using Scheduler.Solver;

namespace Scheduler.Cli.Commands;

/// <summary><c>plan SCENARIO --out DIR [--solver greedy|cpsat] [--time-limit S] [--seed N] [--workers N]</c>.</summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("SCENARIO") { Description = "The scenario folder." };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The output folder: new, empty, or a previous schedule (replaced when complete).", Required = true };
        var solver = new Option<string>("--solver") { Description = "greedy (first fit) or cpsat.", DefaultValueFactory = _ => "cpsat" };
        solver.AcceptOnlyFromAmong("greedy", "cpsat");
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds the whole run may take." };
        var seed = new Option<int>("--seed") { Description = "Random seed of the solver.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Worker threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var command = new Command("plan", "Solve one monthly batch and write the output folder.") { scenario, outDir, solver, timeLimit, seed, workers };
        command.SetAction(parse =>
        {
            var stopwatch = Stopwatch.StartNew();
            var workerCount = parse.GetValue(workers);
            if (workerCount < 1)
            {
                error.WriteLine("--workers: must be 1 or more");
                return ExitCodes.BadInput;
            }
            var limit = parse.GetValue(timeLimit);
            if (limit is <= 0)
            {
                error.WriteLine("--time-limit: must be more than 0 seconds");
                return ExitCodes.BadInput;
            }
            var solverName = parse.GetValue(solver)!;
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
            using var cancel = new CancellationTokenSource();
            // Ctrl+C (or a SIGTERM from a supervisor) stops the search: the best schedule so far is
            // still written. A second one terminates at once (the output folder is written
            // atomically, so that leaves nothing half-written).
            void Interrupt(PosixSignalContext context)
            {
                if (!cancel.IsCancellationRequested)
                {
                    context.Cancel = true;
                    error.WriteLine($"{context.Signal}: stopping the search; the best schedule so far will be written, or nothing if first fit has not finished (again to quit now)");
                    cancel.Cancel();
                }
            }
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
            var batch = PreparedBatch.Prepare(read.Scenario!);
            // The search stops early enough to leave time for the checks and the writing.
            var remaining = limit is { } l ? Math.Max(0.05, l - stopwatch.Elapsed.TotalSeconds - Math.Min(3, 0.15 * l)) : (double?)null;
            var (schedule, solved) = Planner.Plan(batch, solverName, new CpSatOptions(parse.GetValue(seed), workerCount, remaining), cancel.Token);
            var figures = ScheduleMetrics.Compute(batch, schedule);
            var month = Values.Format(read.Scenario!.Month);
            var target = parse.GetValue(outDir)!.FullName;
            ScheduleWriter.Write(target, schedule, figures, new RunInfo(month, solverName, stopwatch.ElapsedMilliseconds, solved, read.DerivedNumbers?.Limits));
            var o = figures.Overall;
            var status = solved is null ? "" : $", {solved.Status} gap {solved.Gap:P2}";
            output.WriteLine(
                $"{month} {solverName}: {o.ScheduledCases:N0} cases, {o.ScheduledApplicants:N0} of {o.Capacity:N0} seats ({o.Utilization:P1}), " +
                $"{o.FifoInversions} FIFO inversions, mix deviation {o.MixDeviation:0.##}{status}, {figures.Posts.Count} posts, " +
                $"{stopwatch.ElapsedMilliseconds:N0} ms -> {target}");
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
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scheduler.Core;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Output;
using Scheduler.Planning;
using Scheduler.Sampling;

namespace Scheduler.Cli.Commands;

/// <summary><c>bench --profile P --seed N [--workers N] [--time-limit S]</c>: first fit and CP-SAT
/// on the same sample in one process, side by side.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var profile = new Option<string>("--profile") { Description = "tiny, small, medium or national.", Required = true };
        profile.AcceptOnlyFromAmong("tiny", "small", "medium", "national");
        var seed = new Option<int>("--seed") { Description = "Sample seed (also CP-SAT's).", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Worker threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds CP-SAT may take." };
        var command = new Command("bench", "Run first fit and CP-SAT on a sample and compare them.") { profile, seed, workers, timeLimit };
        command.SetAction(parse =>
        {
            var workerCount = parse.GetValue(workers);
            if (workerCount < 1 || parse.GetValue(timeLimit) is <= 0)
            {
                error.WriteLine("--workers must be 1 or more and --time-limit more than 0");
                return ExitCodes.BadInput;
            }
            var chosen = Enum.Parse<SampleProfile>(parse.GetValue(profile)!, ignoreCase: true);
            var folder = Path.Combine(Path.GetTempPath(), $"scheduler-bench-{Guid.NewGuid():N}");   // ours alone, so ours to delete
            try
            {
                OutputFolder.WriteAtomically(folder, OutputFolder.ScenarioFiles, staging => SampleGenerator.Write(chosen, parse.GetValue(seed), staging));
                if (ScenarioInput.ReadOrReport(folder, error) is not { } read)
                {
                    return ExitCodes.BadInput;
                }
                var limit = parse.GetValue(timeLimit) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                var planner = new MonthlyPlanner();
                var greedy = Measure(planner, new PlanOptions { Solver = SolverKind.Greedy, Seed = parse.GetValue(seed), Workers = workerCount });
                var cpsat = Measure(planner, new PlanOptions { Solver = SolverKind.CpSat, Seed = parse.GetValue(seed), Workers = workerCount, TimeLimit = limit });
                Print(output, chosen, parse.GetValue(seed), workerCount, read.Scenario!, greedy, cpsat);
                return ExitCodes.Success;
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private sealed record Run(long WallMs, long PeakBytes, MonthFigures Figures, SolverFigures? Solver);

    private static Func<Scenario, Run> Measure(MonthlyPlanner planner, PlanOptions options) => scenario =>
    {
        GC.Collect();
        var stopwatch = Stopwatch.StartNew();
        var plan = planner.Plan(scenario, options);
        var wall = stopwatch.ElapsedMilliseconds;
        using var process = Process.GetCurrentProcess();
        return new Run(wall, process.PeakWorkingSet64, plan.Figures, plan.Solver);
    };

    private static void Print(TextWriter output, SampleProfile profile, int seed, int workers, Scenario scenario,
        Func<Scenario, Run> greedyRun, Func<Scenario, Run> cpsatRun)
    {
        var greedy = greedyRun(scenario);
        var cpsat = cpsatRun(scenario);
        var g = greedy.Figures.Overall;
        var c = cpsat.Figures.Overall;
        output.WriteLine($"bench {profile.ToString().ToLowerInvariant()} seed {seed}, {workers} workers: {scenario.Posts.Count} posts, {scenario.Cases.Count:N0} cases, {g.Capacity:N0} seats");
        output.WriteLine($"{"",-22}{"first fit",14}{"cpsat",14}{"ratio",10}");
        Row(output, "wall time (ms)", greedy.WallMs, cpsat.WallMs);
        Row(output, "peak memory (MB)", greedy.PeakBytes / (1024 * 1024), cpsat.PeakBytes / (1024 * 1024));
        Row(output, "seated applicants", g.ScheduledApplicants, c.ScheduledApplicants);
        Row(output, "seated cases", g.ScheduledCases, c.ScheduledCases);
        Row(output, "utilization (%)", g.Utilization * 100, c.Utilization * 100, "0.00");
        Row(output, "mix deviation", (double)g.MixDeviation, (double)c.MixDeviation, "#,0.00");
        Row(output, "interview_by misses", g.InterviewByMisses, c.InterviewByMisses);
        Row(output, "FIFO inversions", g.FifoInversions, c.FifoInversions);
        var solver = cpsat.Solver!;
        output.WriteLine($"{"gap (seats)",-22}{"-",14}{solver.Gap.ToString("P3", CultureInfo.InvariantCulture),14}");
        output.WriteLine($"{"status",-22}{"-",14}{solver.Status.Code(),14}   " +
            $"{solver.Posts.Count(p => p.Status == SolveStatus.Optimal)} posts OPTIMAL, {solver.Posts.Count(p => p.Gap <= 0.005)} within 0.5 % of their bound");
        output.WriteLine("peak memory is the process's peak working set after each run (first fit runs first).");
    }

    private static void Row(TextWriter output, string name, double greedy, double cpsat, string format = "#,0")
    {
        var ratio = greedy == 0 ? (cpsat == 0 ? "1.000" : "-") : (cpsat / greedy).ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"{name,-22}{greedy.ToString(format, CultureInfo.InvariantCulture),14}{cpsat.ToString(format, CultureInfo.InvariantCulture),14}{ratio,10}");
    }
}

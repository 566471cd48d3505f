using System.Reflection;
using Scheduler.Core;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Solver;

namespace Scheduler.Planning;

/// <summary>The engine's one entry point: plans a checked <see cref="Scenario"/> into a
/// <see cref="MonthlyPlan"/>. The CLI, the worker and the API all call it, so the month's workflow
/// (first fit, the search under a time budget, the checks, the figures) lives here once.</summary>
/// <param name="time">The clock the time limit is read from.</param>
/// <param name="cache">Post searches shared by every plan this planner makes (a what-if's baseline and
/// variants): a post whose CP-SAT model is the same as one searched before takes that answer, so
/// only the posts a change reaches are searched again. Null: every plan searches every post.</param>
public sealed class MonthlyPlanner(TimeProvider time, PlanCache? cache = null)
{
    /// <summary>The engine's version, recorded with every batch and every <c>summary.json</c>.</summary>
    public static string EngineVersion { get; } =
        typeof(MonthlyPlanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(MonthlyPlanner).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>A planner on the system clock.</summary>
    public MonthlyPlanner() : this(TimeProvider.System)
    {
    }

    /// <summary>A planner on the same clock whose plans share <paramref name="plans"/> (a batch keeps its own
    /// plan's searches, to commit them with it).</summary>
    public MonthlyPlanner WithCache(PlanCache plans) => new(time, plans ?? throw new ArgumentNullException(nameof(plans)));

    /// <summary>Plans the month.</summary>
    /// <param name="scenario">A scenario that passed <c>ScenarioAssembler</c>'s checks.</param>
    /// <param name="options">Solver, seed, workers, time limit (validated).</param>
    /// <param name="progress">Told after first fit and after each post, on the thread that did the
    /// work (a slow handler holds that worker).</param>
    /// <param name="cancellationToken">During first fit: throws <see cref="OperationCanceledException"/>
    /// (nothing planned). During the search: posts not solved by then keep first fit's schedule,
    /// and the plan is returned.</param>
    public MonthlyPlan Plan(Scenario scenario, PlanOptions options, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var started = time.GetTimestamp();
        var batch = PreparedBatch.Prepare(scenario);
        var total = batch.Posts.Length;
        Schedule schedule;
        SolverFigures? solver = null;
        int searched = 0, reused = 0;
        IReadOnlyList<string> keys = [];
        if (options.Solver == SolverKind.Greedy)
        {
            schedule = GreedyScheduler.Plan(batch, options.Workers, cancellationToken);
            progress?.Report(new PlanProgress(PlanStage.FirstFitDone, null, 0, total));
        }
        else
        {
            double? searchSeconds = null;
            if (options.TimeLimit is { } limit)
            {
                // The search stops early enough to leave time for the checks and the caller's writing.
                var reserve = Math.Min(3, 0.15 * limit.TotalSeconds);
                searchSeconds = Math.Max(0.05, limit.TotalSeconds - time.GetElapsedTime(started).TotalSeconds - reserve);
            }
            var done = 0;
            var cpsat = new CpSatOptions(options.Seed, options.Workers, searchSeconds, options.DeterministicTimePerPost) { Time = time, Cache = cache?.Solves, SearchSlots = cache?.SearchSlots };
            var plan = CpSatScheduler.Plan(batch, cpsat, cancellationToken,
                afterFirstFit: () => progress?.Report(new PlanProgress(PlanStage.FirstFitDone, null, 0, total)),
                postHandled: handled =>
                {
                    var count = Interlocked.Increment(ref done);
                    progress?.Report(new PlanProgress(PlanStage.PostHandled, handled.Post, count, total, handled.Searched, handled.Status?.Code()));
                });
            schedule = plan.Schedule;
            solver = plan.Solver;
            (searched, reused, keys) = (plan.Searched, plan.Reused, plan.SearchKeys ?? []);
        }
        var figures = ScheduleMetrics.Compute(batch, schedule);
        progress?.Report(new PlanProgress(PlanStage.Done, null, total, total));
        return new MonthlyPlan(scenario, options, schedule, figures, solver, time.GetElapsedTime(started)) { PostsSearched = searched, PostsReused = reused, SearchKeys = keys };
    }
}

using System.Text.RegularExpressions;
using Scheduler.Core;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;
using Scheduler.Files.Output;
using Scheduler.Planning;

namespace Scheduler.Analysis.WhatIf;

/// <summary>A named set of changes planned against the baseline.</summary>
/// <param name="Name">A folder-safe name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>), not <c>baseline</c>.</param>
/// <param name="Changes">The changes, applied in order to a copy of the baseline's inputs.</param>
public sealed partial record Variant(string Name, IReadOnlyList<ScenarioChange> Changes)
{
    /// <summary>Why <paramref name="name"/> cannot name a variant, or null.</summary>
    public static string? WhyNotAName(string name) =>
        !NamePattern().IsMatch(name) ? $"variant name {name}: use letters, digits, '.', '_' or '-' (at most 64)"
        : name.Equals(WhatIfRunner.BaselineName, StringComparison.OrdinalIgnoreCase) ? "variant name baseline: taken by the run without changes"
        : name.Equals(WhatIfWriter.Marker, StringComparison.OrdinalIgnoreCase) ? $"variant name {name}: taken by the what-if's own {WhatIfWriter.Marker}"
        : null;

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}

/// <summary>One planned run of a what-if.</summary>
/// <param name="Name"><c>baseline</c> or the variant's name.</param>
/// <param name="Changes">The changes applied (none for the baseline).</param>
/// <param name="Inputs">The run's scenario inputs.</param>
/// <param name="InputHash">Their <see cref="ScenarioHash"/>.</param>
/// <param name="Plan">The planned month.</param>
public sealed record WhatIfRun(string Name, IReadOnlyList<ScenarioChange> Changes, ScenarioInputs Inputs, string InputHash, MonthlyPlan Plan)
{
    /// <summary>Posts whose search this run needed and the baseline did not (all searched posts, for
    /// the baseline): what the change reached.</summary>
    public int PostsSearched { get; init; }

    /// <summary>Posts whose search answer is the baseline's (their model is the same).</summary>
    public int PostsReused { get; init; }

    /// <summary>The scenario's files (<see cref="ScenarioWriter.ToFiles(Scheduler.Core.Scenarios.ScenarioInputs)"/>), when made already.</summary>
    public IReadOnlyList<(string Name, byte[] Content)>? Files { get; init; }

    /// <summary>The run's checked scenario.</summary>
    public Scenario Scenario => Plan.Scenario;
}

/// <summary>A what-if: the baseline, each variant, and the difference.</summary>
public sealed record WhatIfResult(WhatIfRun Baseline, IReadOnlyList<WhatIfRun> Variants, WhatIfDiff Diff)
{
    /// <summary>Post answers the runs took from the cache folder (kept by earlier plans or what-ifs) rather than searched.</summary>
    public int AnswersFromFolder { get; init; }

    /// <summary>Post answers the runs took from those the runner was given (a committed batch's) rather than searched.</summary>
    public int AnswersKept { get; init; }
}

/// <summary>Plans a baseline and variants of it with one engine, options and seed, all at once on one
/// <see cref="PlanCache"/>: a post whose CP-SAT model is the same in two runs is searched once (the
/// other run waits for that answer), so a variant searches only the posts whose model its changes
/// alter (a changed post, and any post whose numbers, cases or first-fit month the change moves) and
/// takes the baseline's answer for every other post: the schedule a full plan of the variant would
/// give, at a fraction of its time. The runs' first fit, checks and figures, which use one core
/// each, overlap the others' searches; the searches of all runs share the options' workers (more
/// CP-SAT solves than cores at once only contend for them: Manila x1.5 took 1.65 times a plan with
/// four solves on two cores, a median of 1.51 over five pairs with two).</summary>
/// <param name="time">The planner's clock.</param>
/// <param name="cacheDirectory">Where post searches are also kept on disk (see <see cref="PlanCache(string)"/>):
/// a later what-if on the same month takes the baseline's answers from there; null: memory only.</param>
/// <param name="kept">Answers kept elsewhere, handed to every run (the searches the month's committed batch kept
/// in the database): a post whose model one of them answers is not searched; null: none.</param>
public sealed class WhatIfRunner(TimeProvider time, string? cacheDirectory = null, IReadOnlyList<KeptSearch>? kept = null)
{
    /// <summary>The baseline run's name.</summary>
    public const string BaselineName = "baseline";

    /// <summary>A runner on the system clock.</summary>
    public WhatIfRunner() : this(TimeProvider.System)
    {
    }

    /// <summary>Applies each variant's changes to a copy of <paramref name="baseline"/> and checks the
    /// result as any scenario is checked. Throws <see cref="ScenarioChangeException"/> naming the
    /// variant and the change or problem.</summary>
    public static IReadOnlyList<(Variant Variant, ScenarioInputs Inputs, Scenario Scenario)> Prepare(ScenarioInputs baseline, IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(variants);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prepared = new List<(Variant, ScenarioInputs, Scenario)>();
        foreach (var variant in variants)
        {
            if (Variant.WhyNotAName(variant.Name) is { } bad)
            {
                throw new ScenarioChangeException(bad);
            }
            if (!names.Add(variant.Name))
            {
                throw new ScenarioChangeException($"variant name {variant.Name}: given twice");
            }
            if (variant.Changes.Count == 0)
            {
                throw new ScenarioChangeException($"variant {variant.Name}: no changes");
            }
            var inputs = baseline;
            foreach (var change in variant.Changes)
            {
                try
                {
                    inputs = change.Apply(inputs);
                }
                catch (ScenarioChangeException e) when (variants.Count > 1)
                {
                    throw new ScenarioChangeException($"variant {variant.Name}: {e.Message}");
                }
            }
            var changes = string.Join(" ", variant.Changes.Select(c => "--set " + c.Text));
            // A changed post is judged as a profile uploaded for the month is (the API's rules: one
            // validator), on its entries for this month (a posts.json may carry other months' days).
            for (var i = 0; i < inputs.Posts.Count; i++)
            {
                if (i < baseline.Posts.Count && ReferenceEquals(inputs.Posts[i], baseline.Posts[i]))
                {
                    continue;
                }
                var post = inputs.Posts[i];
                var month = inputs.Month;
                var judged = post with
                {
                    Closed = post.Closed.Where(d => d.ToYearMonth() == month).ToHashSet(),
                    Days = post.Days.Where(kv => kv.Key.ToYearMonth() == month).ToDictionary(kv => kv.Key, kv => kv.Value),
                };
                var problems = new ProblemList();
                PostProfileJson.Read(PostProfileJson.Write(judged), $"variant {variant.Name}", problems, "post", month);
                if (problems.Count > 0)
                {
                    throw new ScenarioChangeException($"variant {variant.Name} ({changes}) is not a valid scenario: " +
                        string.Join("; ", problems.Items.Take(5).Select(p => p.Message)));
                }
            }
            var assembly = ScenarioAssembler.Assemble(inputs);
            if (!assembly.Succeeded)
            {
                throw new ScenarioChangeException($"variant {variant.Name} ({changes}) is not a valid scenario: " +
                    string.Join("; ", assembly.Problems.Take(5).Select(p => $"{p.Part.ToString().ToLowerInvariant()} {p.Index + 1}: {p.Message}")));
            }
            prepared.Add((variant, inputs, assembly.Scenario!));
        }
        return prepared;
    }

    /// <summary>Plans the baseline and every variant and compares them.</summary>
    /// <param name="baselineInputs">The baseline's inputs.</param>
    /// <param name="baseline">The baseline's checked scenario.</param>
    /// <param name="variants">What <see cref="Prepare"/> gave.</param>
    /// <param name="options">One set of options for every run.</param>
    /// <param name="progress">Each plan's reports, tagged with <see cref="PlanProgress.Run"/>.</param>
    /// <param name="cancellationToken">Stops the runs (see <see cref="MonthlyPlanner.Plan"/>).</param>
    public WhatIfResult Run(ScenarioInputs baselineInputs, Scenario baseline, IReadOnlyList<(Variant Variant, ScenarioInputs Inputs, Scenario Scenario)> variants,
        PlanOptions options, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(options);
        var cache = new PlanCache(cacheDirectory, options.Workers);
        if (kept is not null)
        {
            cache.Give(kept);
        }
        var planner = new MonthlyPlanner(time, cache);
        IProgress<PlanProgress>? Tagged(string run) => progress is null ? null : new Tagging(progress, run);

        // Each run on a thread of its own; the engine's workers wait on each other's searches, so the
        // pool gets threads for all of them at once rather than one by one.
        ThreadPool.GetMinThreads(out var minWorkers, out var minPorts);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, (variants.Count + 1) * (options.Workers + 2)), minPorts);
        // The scenarios' files are made once, beside the plans: hashed, then written by WhatIfWriter. A
        // variant takes the baseline's case files where it shares its cases.
        var baseFiles = Task.Run(() => ScenarioWriter.ToFiles(baselineInputs), CancellationToken.None);
        WhatIfRun Start(string name, IReadOnlyList<ScenarioChange> changes, ScenarioInputs inputs, Scenario scenario)
        {
            var plan = planner.Plan(scenario, options, Tagged(name), cancellationToken);
            var files = ReferenceEquals(inputs, baselineInputs) ? baseFiles.Result : ScenarioWriter.ToFiles(inputs, baselineInputs, baseFiles.Result);
            return new(name, changes, inputs, ScenarioHash.Of(files), plan) { Files = files };
        }
        var baseTask = Task.Factory.StartNew(() => Start(BaselineName, [], baselineInputs, baseline),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var variantTasks = variants.Select(v => Task.Factory.StartNew(() => Start(v.Variant.Name, v.Variant.Changes, v.Inputs, v.Scenario),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll([baseTask, .. variantTasks], CancellationToken.None);
        }
        catch (AggregateException all)
        {
            // A stop (first fit cancelled) before any other failure.
            var first = all.InnerExceptions.FirstOrDefault(e => e is OperationCanceledException) ?? all.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        var baseRun = baseTask.Result with { PostsSearched = baseTask.Result.Plan.SearchKeys.Count };
        var baseKeys = baseRun.Plan.SearchKeys.ToHashSet(StringComparer.Ordinal);
        var runs = variantTasks.Select(t => t.Result with
        {
            PostsSearched = t.Result.Plan.SearchKeys.Count(k => !baseKeys.Contains(k)),
            PostsReused = t.Result.Plan.SearchKeys.Count(baseKeys.Contains),
        }).ToArray();
        var diff = new WhatIfDiff(
            Values.Format(baseline.Month), options.Solver.Code(), options.Seed, options.Workers, MonthlyPlanner.EngineVersion,
            WhatIfDiffBuilder.Describe(baseRun, null, null),
            runs.Select(r => WhatIfDiffBuilder.Compare(baseRun, r)).ToList());
        return new WhatIfResult(baseRun, runs, diff) { AnswersFromFolder = cache.AnswersFromFolder, AnswersKept = cache.AnswersGiven };
    }

    private sealed class Tagging(IProgress<PlanProgress> inner, string run) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => inner.Report(value with { Run = run });
    }
}

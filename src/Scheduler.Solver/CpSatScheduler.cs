using System.Collections.Concurrent;
using System.Diagnostics;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Solver;

/// <summary>How the CP-SAT scheduler may spend its time.</summary>
/// <param name="Seed">CP-SAT's random seed.</param>
/// <param name="Workers">Posts solved at once (each model is solved single-threaded, so the
/// result does not depend on this).</param>
/// <param name="TimeLimitSeconds">Wall time the whole plan may take; posts not solved by then keep
/// their first-fit schedule.</param>
/// <param name="DeterministicTimePerPost">CP-SAT deterministic time each post may use, split over
/// its objective levels: the limit that keeps results reproducible.</param>
internal sealed record CpSatOptions(int Seed = 1, int Workers = 1, double? TimeLimitSeconds = null, double DeterministicTimePerPost = 3.0)
{
    /// <summary>The clock the time limit is read from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Searches done before, reused where a post's model is the same (see <see cref="SolveCache"/>); null: none.</summary>
    public SolveCache? Cache { get; init; }

    /// <summary>Post searches allowed at once, shared by the plans running together (a what-if's baseline
    /// and variants); null: this plan's <see cref="Workers"/> alone limit it.</summary>
    public SemaphoreSlim? SearchSlots { get; init; }
}

/// <summary>A CP-SAT plan: the schedule and how the solve went.</summary>
/// <param name="Schedule">The month's schedule.</param>
/// <param name="Solver">Status, bound and gap, overall and per post.</param>
/// <param name="Searched">Posts whose model was searched in this plan.</param>
/// <param name="Reused">Posts whose search answer came from <see cref="CpSatOptions.Cache"/>.</param>
/// <param name="SearchKeys">With a cache: the fingerprint of each post model searched or answered from it.</param>
internal sealed record CpSatPlan(Schedule Schedule, SolverFigures Solver, int Searched = 0, int Reused = 0, IReadOnlyList<string>? SearchKeys = null);

/// <summary>One post handled by the search: solved, or left with first fit's schedule.</summary>
/// <param name="Post">The post's code.</param>
/// <param name="Searched">True when a model was solved for it.</param>
/// <param name="Status">The solve's status, when it was searched.</param>
internal sealed record PostHandled(string Post, bool Searched, SolveStatus? Status);

/// <summary>The CP-SAT scheduler: first fit decides the numbers for the whole world (in pool order,
/// first in, first out) and gives every post a complete starting schedule; then each post's month is
/// solved as its own model (<see cref="PostModel"/>), posts in parallel, each model single-threaded
/// under a deterministic time limit, so the same inputs, seed and workers give the same schedule.
/// A post keeps the model's schedule only when it is at least as good as first fit's in the
/// objective order and the month stays free of FIFO inversions; otherwise first fit's stands.</summary>
internal static class CpSatScheduler
{
    /// <summary>Plans the month.</summary>
    /// <param name="batch">The prepared scenario.</param>
    /// <param name="options">Seed, workers and limits.</param>
    /// <param name="cancellationToken">Stops first fit (nothing is returned) or the search (posts
    /// not solved by then keep first fit's schedule).</param>
    /// <param name="afterFirstFit">Called once first fit is done.</param>
    /// <param name="postHandled">Called on the worker's thread after each post is solved or passed over.</param>
    public static CpSatPlan Plan(PreparedBatch batch, CpSatOptions options, CancellationToken cancellationToken = default,
        Action? afterFirstFit = null, Action<PostHandled>? postHandled = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        var stopwatch = new Clock(options.Time);
        var deadline = options.TimeLimitSeconds is { } limit ? limit : double.PositiveInfinity;
        var firstFit = GreedyScheduler.Book(batch, options.Workers, cancellationToken);
        Trace($"first fit {stopwatch.ElapsedMilliseconds} ms");
        afterFirstFit?.Invoke();
        var queues = batch.Queues;
        var laterHolder = LaterHolders(batch, firstFit.SessionOf);
        var postCount = batch.Posts.Length;
        var sessionOf = (int[])firstFit.SessionOf.Clone();
        var outcomes = new PostOutcome?[postCount];
        var models = new PostModel[postCount];

        // Posts are handed out one at a time (Parallel.For would give each worker a run of
        // consecutive posts, so one could get the few largest in a row). Without a time limit,
        // alternately the largest and the smallest left, so the workers finish together; with one,
        // smallest first, so that as many posts as possible are solved before it strikes (the
        // largest posts are full already and gain least from a search cut short).
        var bySize = Enumerable.Range(0, postCount).OrderByDescending(p => batch.Posts[p].Capacity).ThenBy(p => p).ToArray();
        var order = new int[postCount];
        for (var i = 0; i < postCount; i++)
        {
            order[i] = options.TimeLimitSeconds is not null ? bySize[postCount - 1 - i]
                : i % 2 == 0 ? bySize[i / 2] : bySize[postCount - 1 - i / 2];
        }
        var oneAtATime = Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(oneAtATime, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, p =>
        {
            var built = Stopwatch.StartNew();
            var model = new PostModel(batch, queues, p, firstFit.SessionOf, firstFit.PoolLeft, laterHolder);
            // Out of time: the classes alone give the arithmetic bound first fit is judged by.
            var late = cancellationToken.IsCancellationRequested || deadline - stopwatch.Elapsed.TotalSeconds <= 0.05;
            model.Build(variables: !late);
            Trace($"{batch.Posts[p].Post.Code} built {built.ElapsedMilliseconds} ms, {model.ClassCount} classes, search {model.NeedsSearch}");
            models[p] = model;
            var remaining = deadline - stopwatch.Elapsed.TotalSeconds;
            if (late || !model.NeedsSearch || cancellationToken.IsCancellationRequested || remaining <= 0.05)
            {
                postHandled?.Invoke(new PostHandled(batch.Posts[p].Post.Code.Value, false, null));
                return;
            }
            var candidate = (int[])firstFit.SessionOf.Clone();
            var outcome = model.Solve(options.Seed, options.DeterministicTimePerPost, remaining, candidate, cancellationToken, options.Cache, options.SearchSlots);
            Trace($"{batch.Posts[p].Post.Code} solved {built.ElapsedMilliseconds} ms: {outcome?.Status.Code() ?? model.LastStatus} exact {model.Exact}{(outcome is { Reused: true } ? " reused" : "")}");
            postHandled?.Invoke(new PostHandled(batch.Posts[p].Post.Code.Value, outcome is not null, outcome?.Status));
            if (outcome is null)
            {
                return;
            }
            outcomes[p] = outcome;
            lock (sessionOf)
            {
                foreach (var queue in queues.Queues[p])
                {
                    foreach (var c in queue)
                    {
                        sessionOf[c] = candidate[c];
                    }
                }
            }
        });

        Trace($"posts {stopwatch.ElapsedMilliseconds} ms");
        var source = new ScheduleSource[postCount];
        for (var p = 0; p < postCount; p++)
        {
            source[p] = outcomes[p] is null ? ScheduleSource.FirstFit : ScheduleSource.CpSat;
        }
        var unordered = (int[])sessionOf.Clone();
        for (var p = 0; p < postCount; p++)
        {
            if (outcomes[p] is not null)
            {
                EarlierPositionsOnEarlierDays(batch, queues, p, sessionOf);
            }
        }
        var books = BuildBooks(batch, sessionOf);
        // Reordering days can bring a later case onto a date an earlier one's documents allow:
        // where it does, the post keeps the model's own order.
        foreach (var p in PostsWithInversions(batch, queues, sessionOf, books, PoolLeft(batch, sessionOf), p => outcomes[p] is not null))
        {
            Revert(batch, queues, p, sessionOf, unordered, books);
        }
        var firstFitBooks = firstFit.Books;
        for (var p = 0; p < postCount; p++)
        {
            if (outcomes[p] is not null && !AtLeastAsGood(batch, queues, p, books[p], sessionOf, firstFitBooks[p], firstFit.SessionOf))
            {
                Revert(batch, queues, p, sessionOf, firstFit.SessionOf, books);
                source[p] = ScheduleSource.FirstFit;
            }
        }
        // Seats the solves left empty go to waiting cases first-fit style (hard rule 7; a solve cut
        // short may leave some). The model states first in, first out exactly except around
        // documents dates inside the month: any post the judge still finds an inversion at goes back
        // to first fit's schedule, which has none. Should that not settle, first fit's whole month stands.
        int[] poolLeft;
        for (var round = 0; ; round++)
        {
            poolLeft = PoolLeft(batch, sessionOf);
            GreedyScheduler.FillRemaining(batch, queues, books, sessionOf, poolLeft);
            var bad = PostsWithInversions(batch, queues, sessionOf, books, poolLeft, p => source[p] == ScheduleSource.CpSat);
            if (bad.Count == 0)
            {
                break;
            }
            if (round == MaxSettleRounds)
            {
                Array.Copy(firstFit.SessionOf, sessionOf, sessionOf.Length);
                books = BuildBooks(batch, sessionOf);
                poolLeft = PoolLeft(batch, sessionOf);
                Array.Fill(source, ScheduleSource.FirstFitFallback);
                break;
            }
            foreach (var p in bad)
            {
                Revert(batch, queues, p, sessionOf, firstFit.SessionOf, books);
                source[p] = ScheduleSource.FirstFitFallback;
            }
        }

        Trace($"checked {stopwatch.ElapsedMilliseconds} ms");
        var schedule = ScheduleBuilder.Build(batch, books, sessionOf, poolLeft);
        return new CpSatPlan(schedule, Figures(batch, models, outcomes, source, books),
            outcomes.Count(o => o is { Reused: false }), outcomes.Count(o => o is { Reused: true }),
            models.Where((m, p) => outcomes[p] is not null && m?.Key is not null).Select(m => m.Key!).ToList());
    }

    private static readonly bool Tracing = Environment.GetEnvironmentVariable("SCHEDULER_TRACE") == "1";

    private static void Trace(string message)
    {
        if (Tracing)
        {
            Console.Error.WriteLine(message);
        }
    }

    private static SolverFigures Figures(PreparedBatch batch, PostModel[] models, PostOutcome?[] outcomes, ScheduleSource[] source, PostBook[] books)
    {
        var posts = new List<PostSolverFigures>(batch.Posts.Length);
        for (var p = 0; p < batch.Posts.Length; p++)
        {
            var seats = books[p].Total;
            var outcome = outcomes[p];
            var model = models[p];
            SolveStatus status;
            long bound;
            if (outcome is null)
            {
                // Searched nothing: first fit is optimal by arithmetic when it reaches the bound.
                bound = model?.ArithmeticBound ?? seats;
                status = model is not null && !model.NeedsSearch && seats >= bound ? SolveStatus.Optimal : SolveStatus.Feasible;
            }
            else
            {
                bound = outcome.Bound;
                status = source[p] == ScheduleSource.CpSat ? outcome.Status : (seats >= bound ? SolveStatus.Optimal : SolveStatus.Feasible);
            }
            bound = Math.Max(bound, seats);
            posts.Add(new PostSolverFigures(batch.Posts[p].Post.Code.Value, status, seats, bound, Gap(seats, bound), outcome?.SolveMs ?? 0, source[p]));
        }
        var objective = posts.Sum(p => p.Objective);
        var bestBound = posts.Sum(p => p.BestBound);
        return new SolverFigures(posts.All(p => p.Status == SolveStatus.Optimal) ? SolveStatus.Optimal : SolveStatus.Feasible,
            objective, bestBound, Gap(objective, bestBound), posts.Sum(p => p.SolveMs), posts);
    }

    private static double Gap(long objective, long bound) => bound <= 0 ? 0 : (double)(bound - objective) / bound;

    /// <summary>Per case, true when a later case of its pool at least as large holds numbers
    /// (anywhere): the case must then find no room at its post.</summary>
    internal static bool[] LaterHolders(PreparedBatch batch, int[] sessionOf)
    {
        var result = new bool[batch.Cases.Length];
        foreach (var order in batch.PoolOrder)
        {
            var largestLater = 0;
            for (var i = order.Length - 1; i >= 0; i--)
            {
                var c = order[i];
                if (sessionOf[c] >= 0)
                {
                    largestLater = Math.Max(largestLater, batch.Size[c]);
                }
                else
                {
                    result[c] = largestLater >= batch.Size[c];
                }
            }
        }
        return result;
    }

    /// <summary>The second half of the objective's last level: two seated cases of one post with the
    /// same traveling applicants can trade sessions without touching any rule but their dates (mix
    /// rules count the month, not the session). So, per family size, the post's seated cases take
    /// the sessions their size holds in date order by queue position (ties: chronological order).
    /// Cases whose documents or <c>interview_by</c> date fall inside the month keep their sessions;
    /// the inversion check that follows judges the result like any other.</summary>
    private static void EarlierPositionsOnEarlierDays(PreparedBatch batch, PostQueues queues, int post, int[] sessionOf)
    {
        var sessions = batch.Posts[post].Sessions;
        if (sessions.Length == 0)
        {
            return;
        }
        var lastDate = sessions[^1].Date;
        var bySize = new SortedDictionary<int, List<(int Case, int Position)>>();
        foreach (var queue in queues.Queues[post])
        {
            for (var i = 0; i < queue.Length; i++)
            {
                var c = queue[i];
                if (sessionOf[c] < 0 || batch.DocumentsLimit[c] < lastDate || batch.Cases[c].InterviewBy is { } by && by < lastDate)
                {
                    continue;
                }
                if (!bySize.TryGetValue(batch.Size[c], out var group))
                {
                    bySize[batch.Size[c]] = group = [];
                }
                group.Add((c, i));
            }
        }
        var rank = queues.ChronologicalRank;
        foreach (var group in bySize.Values)
        {
            var slots = group.Select(g => sessionOf[g.Case]).Order().ToArray();
            var ordered = group.OrderBy(g => g.Position).ThenBy(g => rank[g.Case]).ToArray();
            for (var j = 0; j < ordered.Length; j++)
            {
                sessionOf[ordered[j].Case] = slots[j];
            }
        }
    }

    private static SortedSet<int> PostsWithInversions(PreparedBatch batch, PostQueues queues, int[] sessionOf, PostBook[] books, int[] poolLeft, Func<int, bool> judged)
    {
        var passedOver = InversionFinder.PassedOver(batch, queues, new BookedMonth(sessionOf, books, poolLeft));
        var bad = new SortedSet<int>();
        for (var c = 0; c < passedOver.Length; c++)
        {
            if (passedOver[c] && judged(batch.PostOf[c]))
            {
                Trace($"passed over at {batch.Posts[batch.PostOf[c]].Post.Code}: {batch.Cases[c].Id}");
                bad.Add(batch.PostOf[c]);
            }
        }
        return bad;
    }

    /// <summary>Rounds of refilling and checking before first fit's whole month is taken instead.</summary>
    private const int MaxSettleRounds = 10;

    private static int[] PoolLeft(PreparedBatch batch, int[] sessionOf)
    {
        var left = (int[])batch.PoolAvailable.Clone();
        for (var c = 0; c < sessionOf.Length; c++)
        {
            if (sessionOf[c] >= 0 && batch.PoolOf[c] >= 0)
            {
                left[batch.PoolOf[c]] -= batch.Size[c];
            }
        }
        return left;
    }

    private static PostBook[] BuildBooks(PreparedBatch batch, int[] sessionOf)
    {
        var books = batch.Posts.Select(p => new PostBook(p)).ToArray();
        for (var c = 0; c < sessionOf.Length; c++)
        {
            if (sessionOf[c] >= 0)
            {
                books[batch.PostOf[c]].Book(sessionOf[c], batch.Size[c], batch.MaxMask[c], batch.TargetMask[c]);
            }
        }
        return books;
    }

    private static void Revert(PreparedBatch batch, PostQueues queues, int post, int[] sessionOf, int[] firstFit, PostBook[] books)
    {
        var book = new PostBook(batch.Posts[post]);
        foreach (var queue in queues.Queues[post])
        {
            foreach (var c in queue)
            {
                sessionOf[c] = firstFit[c];
                if (sessionOf[c] >= 0)
                {
                    book.Book(sessionOf[c], batch.Size[c], batch.MaxMask[c], batch.TargetMask[c]);
                }
            }
        }
        books[post] = book;
    }

    /// <summary>The objective order: seats, then target deviation, then <c>interview_by</c> misses.</summary>
    private static bool AtLeastAsGood(PreparedBatch batch, PostQueues queues, int post, PostBook book, int[] sessionOf, PostBook firstFitBook, int[] firstFit)
    {
        if (book.Total != firstFitBook.Total)
        {
            return book.Total > firstFitBook.Total;
        }
        var deviation = book.TargetDeviationWith(0, 0);
        var firstFitDeviation = firstFitBook.TargetDeviationWith(0, 0);
        if (deviation != firstFitDeviation)
        {
            return deviation < firstFitDeviation;
        }
        return Misses(batch, queues, post, sessionOf) <= Misses(batch, queues, post, firstFit);
    }

    private static int Misses(PreparedBatch batch, PostQueues queues, int post, int[] sessionOf)
    {
        var sessions = batch.Posts[post].Sessions;
        var monthEnd = batch.Scenario.Month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1);
        var misses = 0;
        foreach (var queue in queues.Queues[post])
        {
            foreach (var c in queue)
            {
                if (batch.Cases[c].InterviewBy is { } by
                    && (sessionOf[c] >= 0 ? sessions[sessionOf[c]].Date > by : by <= monthEnd))
                {
                    misses++;
                }
            }
        }
        return misses;
    }

    /// <summary>Elapsed time on the injected clock.</summary>
    private sealed class Clock(TimeProvider time)
    {
        private readonly long _start = time.GetTimestamp();

        public TimeSpan Elapsed => time.GetElapsedTime(_start);

        public long ElapsedMilliseconds => (long)Elapsed.TotalMilliseconds;
    }
}

using Scheduler.Core.Categories;

namespace Scheduler.Core.Scheduling.Greedy;

/// <summary>The first-fit scheduler. It keeps hard rules 1-7 and is first in, first out:
/// <list type="number">
/// <item>Numbers: each pool grants numbers in pool order (priority date, DQ date, case id) to
/// every case not yet known to be unseatable, skipping a case only when fewer numbers are left
/// than it needs.</item>
/// <item>Seats: each post fills its month from its queues (<see cref="PostSeater"/>) with the
/// cases that hold numbers or need none.</item>
/// <item>A case granted numbers but not seated is unseatable: its numbers go back, the pools grant
/// again in order, and the posts whose candidates changed are filled again, until every granted
/// case is seated.</item>
/// <item>A last first-fit pass offers every remaining eligible case the seats and numbers left
/// (limited cases in pool order), so no seat stays empty that a waiting case could fill.</item>
/// </list></summary>
public sealed class GreedyScheduler
{
    /// <summary>Plans the month.</summary>
    /// <param name="batch">The prepared scenario.</param>
    /// <param name="workers">How many posts to fill at once; the result does not depend on it.</param>
    /// <param name="cancellationToken">Stops planning.</param>
    public static Schedule Plan(PreparedBatch batch, int workers = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var n = batch.Cases.Length;
        var queues = PostQueues.Build(batch);
        var seater = new PostSeater(batch, queues);
        var books = batch.Posts.Select(p => new PostBook(p)).ToArray();
        var sessionOf = new int[n];
        Array.Fill(sessionOf, -1);
        var allowed = new bool[n];
        var excluded = new bool[n];
        for (var c = 0; c < n; c++)
        {
            allowed[c] = batch.IsEligible(c) && batch.PoolOf[c] < 0;
        }

        var dirty = Enumerable.Range(0, batch.Posts.Length).ToHashSet();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        while (true)
        {
            GrantNumbers(batch, excluded, allowed, dirty);
            var posts = dirty.Order().ToArray();
            Parallel.For(0, posts.Length, parallel, i => seater.Seat(posts[i], books[posts[i]], allowed, sessionOf));
            dirty.Clear();
            var anyFailed = false;
            foreach (var pool in batch.PoolOrder)
            {
                foreach (var c in pool)
                {
                    if (allowed[c] && sessionOf[c] < 0)
                    {
                        excluded[c] = true;
                        anyFailed = true;
                    }
                }
            }
            if (!anyFailed)
            {
                break;
            }
        }

        var poolLeft = (int[])batch.PoolAvailable.Clone();
        for (var c = 0; c < n; c++)
        {
            if (sessionOf[c] >= 0 && batch.PoolOf[c] >= 0)
            {
                poolLeft[batch.PoolOf[c]] -= batch.Size[c];
            }
        }
        FillRemaining(batch, queues, books, sessionOf, poolLeft);
        return ScheduleBuilder.Build(batch, books, sessionOf, poolLeft);
    }

    /// <summary>Each pool grants in pool order to the cases not known to be unseatable; marks the
    /// posts whose candidates changed.</summary>
    private static void GrantNumbers(PreparedBatch batch, bool[] excluded, bool[] allowed, HashSet<int> dirty)
    {
        for (var pool = 0; pool < batch.PoolOrder.Length; pool++)
        {
            var left = batch.PoolAvailable[pool];
            foreach (var c in batch.PoolOrder[pool])
            {
                var grant = !excluded[c] && batch.Size[c] <= left;
                if (grant)
                {
                    left -= batch.Size[c];
                }
                if (allowed[c] != grant)
                {
                    allowed[c] = grant;
                    dirty.Add(batch.PostOf[c]);
                }
            }
        }
    }

    /// <summary>Offers the seats and numbers left to every unseated eligible case, IR in queue
    /// order and limited cases in pool order, until a whole pass books nobody (a case a <c>max</c>
    /// rule refused may fit once its post's total has grown).</summary>
    private static void FillRemaining(PreparedBatch batch, PostQueues queues, PostBook[] books, int[] sessionOf, int[] poolLeft)
    {
        var cases = batch.Cases;
        var waiting = queues.Queues.SelectMany(q => q).SelectMany(q => q).Where(c => sessionOf[c] < 0).ToList();
        waiting.Sort((a, b) =>
        {
            var aLimited = cases[a].Category.IsNumericallyLimited();
            var bLimited = cases[b].Category.IsNumericallyLimited();
            return aLimited != bLimited ? (aLimited ? 1 : -1)
                : aLimited ? CaseOrdering.CompareInPool(cases[a], cases[b])
                : CaseOrdering.CompareInQueue(cases[a], cases[b]);
        });

        bool booked;
        do
        {
            booked = false;
            foreach (var c in waiting)
            {
                if (sessionOf[c] >= 0)
                {
                    continue;
                }
                var pool = batch.PoolOf[c];
                var size = batch.Size[c];
                if (pool >= 0 && poolLeft[pool] < size)
                {
                    continue;
                }
                var book = books[batch.PostOf[c]];
                if (!book.KeepsMaxRules(batch.MaxMask[c], size))
                {
                    continue;
                }
                var session = book.FirstFit(size, batch.DocumentsLimit[c]);
                if (session < 0)
                {
                    continue;
                }
                book.Book(session, size, batch.MaxMask[c], batch.TargetMask[c]);
                sessionOf[c] = session;
                if (pool >= 0)
                {
                    poolLeft[pool] -= size;
                }
                booked = true;
            }
        }
        while (booked);
    }
}

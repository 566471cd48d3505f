using Scheduler.Core.Categories;
using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Core.Scheduling.Greedy;

/// <summary>The first-fit scheduler. It keeps hard rules 1-7 and is first in, first out:
/// <list type="number">
/// <item>Numbers: each pool grants numbers in pool order (priority date, DQ date, case id) to
/// every case not yet known to be unseatable, skipping a case only when fewer numbers are left
/// than it needs.</item>
/// <item>Seats: each post fills its month from its queues (<see cref="PostFiller"/>) with the
/// cases that hold numbers or need none.</item>
/// <item>A case granted numbers that its post cannot seat gives them back; the pools grant them
/// again in order and the posts that got new candidates resume filling (bookings are never
/// undone), until no pool has numbers a waiting case could take.</item>
/// <item>A last first-fit pass offers every remaining eligible case the seats and numbers left
/// (limited cases in pool order), so no seat stays empty that a waiting case could fill.</item>
/// </list></summary>
internal sealed class GreedyScheduler
{
    /// <summary>Plans the month.</summary>
    /// <param name="batch">The prepared scenario.</param>
    /// <param name="workers">How many posts to fill at once; the result does not depend on it.</param>
    /// <param name="cancellationToken">Stops planning.</param>
    public static Schedule Plan(PreparedBatch batch, int workers = 1, CancellationToken cancellationToken = default)
    {
        var booking = Book(batch, workers, cancellationToken);
        return ScheduleBuilder.Build(batch, booking.Books, booking.SessionOf, booking.PoolLeft);
    }

    /// <summary>Plans the month and returns the bookings themselves, for solvers that start from them.</summary>
    internal static Booking Book(PreparedBatch batch, int workers = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var n = batch.Cases.Length;
        var queues = batch.Queues;
        var queueOf = new int[n];
        var positionOf = new int[n];
        var fillers = Enumerable.Range(0, batch.Posts.Length).Select(p => new PostFiller(batch, queues, p, queueOf, positionOf)).ToArray();
        var sessionOf = new int[n];
        Array.Fill(sessionOf, -1);
        var allowed = new bool[n];
        var granted = new bool[n];
        var excluded = new bool[n];
        for (var c = 0; c < n; c++)
        {
            allowed[c] = batch.IsEligible(c) && batch.PoolOf[c] < 0;
        }
        var poolLeft = (int[])batch.PoolAvailable.Clone();
        var dirty = Enumerable.Range(0, batch.Posts.Length).ToHashSet();
        var released = Enumerable.Range(0, batch.PoolOrder.Length).ToHashSet();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        while (true)
        {
            GrantNumbers(batch, released, poolLeft, granted, excluded, allowed, dirty, fillers, queueOf, positionOf);
            if (dirty.Count == 0)
            {
                break;
            }
            var posts = dirty.Order().ToArray();
            Parallel.For(0, posts.Length, parallel, i => fillers[posts[i]].Fill(allowed, sessionOf));
            dirty.Clear();
            released.Clear();
            for (var pool = 0; pool < batch.PoolOrder.Length; pool++)
            {
                foreach (var c in batch.PoolOrder[pool])
                {
                    if (granted[c] && !excluded[c] && sessionOf[c] < 0)
                    {
                        excluded[c] = true;
                        allowed[c] = false;
                        poolLeft[pool] += batch.Size[c];
                        released.Add(pool);
                    }
                }
            }
        }

        var books = fillers.Select(f => f.Book).ToArray();
        new InversionRepair(batch, queues, books, sessionOf, poolLeft)
            .Run(() => FillRemaining(batch, queues, books, sessionOf, poolLeft), cancellationToken);
        return new Booking(sessionOf, books, poolLeft);
    }

    /// <summary>Each pool that has numbers to give grants them in pool order to cases that hold none
    /// and are not known to be unseatable; a case is skipped only when fewer numbers are left than
    /// it needs. Grants are never taken back. Marks the posts that got new candidates.</summary>
    private static void GrantNumbers(PreparedBatch batch, HashSet<int> pools, int[] poolLeft, bool[] granted, bool[] excluded,
        bool[] allowed, HashSet<int> dirty, PostFiller[] fillers, int[] queueOf, int[] positionOf)
    {
        foreach (var pool in pools.Order())
        {
            foreach (var c in batch.PoolOrder[pool])
            {
                if (poolLeft[pool] == 0)
                {
                    break;
                }
                if (granted[c] || excluded[c] || batch.Size[c] > poolLeft[pool])
                {
                    continue;
                }
                granted[c] = allowed[c] = true;
                poolLeft[pool] -= batch.Size[c];
                var post = batch.PostOf[c];
                dirty.Add(post);
                fillers[post].Readmit(queueOf[c], positionOf[c], c);
            }
        }
    }

    /// <summary>Offers the seats and numbers left to every unseated eligible case, IR in queue
    /// order and limited cases in pool order, until a whole pass books nobody (a case a <c>max</c>
    /// rule refused may fit once its post's total has grown).</summary>
    internal static bool FillRemaining(PreparedBatch batch, PostQueues queues, PostBook[] books, int[] sessionOf, int[] poolLeft)
    {
        var waiting = Array.FindAll(queues.Remaining, c => sessionOf[c] < 0);

        bool booked, any = false;
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
                booked = any = true;
            }
        }
        while (booked);
        return any;
    }
}

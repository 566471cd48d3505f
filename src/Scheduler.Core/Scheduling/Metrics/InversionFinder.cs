namespace Scheduler.Core.Scheduling.Metrics;

/// <summary>Finds FIFO inversions (the spec's "Order and fairness", read as the README says): for
/// each eligible unscheduled case, whether some scheduled case it should have come before could
/// have been replaced by it. Returns the cases passed over.</summary>
internal static class InversionFinder
{
    public static bool[] PassedOver(PreparedBatch batch, PostQueues queues, BookedMonth month)
    {
        var passedOver = new bool[batch.Cases.Length];
        Find(batch, queues, month, passedOver, null);
        return passedOver;
    }

    /// <summary>Each passed-over case with one scheduled case it could have replaced.</summary>
    public static List<(int PassedOver, int Replaceable)> Pairs(PreparedBatch batch, PostQueues queues, BookedMonth month)
    {
        var pairs = new List<(int, int)>();
        Find(batch, queues, month, new bool[batch.Cases.Length], pairs);
        return pairs;
    }

    private static void Find(PreparedBatch batch, PostQueues queues, BookedMonth month, bool[] passedOver, List<(int, int)>? pairs)
    {
        for (var p = 0; p < batch.Posts.Length; p++)
        {
            foreach (var queue in queues.Queues[p])
            {
                FindQueueInversions(batch, month, p, queue, passedOver, pairs);
            }
        }
        FindPoolInversions(batch, month, passedOver, pairs);
    }

    /// <summary>Queue inversions: walk each queue from the back, keeping for every kind of later
    /// scheduled case (size, <c>max</c>-rule mask, pool) its earliest date. A case can take such a
    /// seat when it is no larger, its documents allow the date, the swap keeps every <c>max</c>
    /// rule and its numbers are available. Expedited cases, which may precede later cases with
    /// earlier priority dates in the same pool, are compared pair by pair.</summary>
    private static void FindQueueInversions(PreparedBatch batch, BookedMonth month, int post, int[] queue, bool[] passedOver, List<(int, int)>? pairs)
    {
        var sessions = batch.Posts[post].Sessions;
        var book = month.Books[post];
        var later = new Dictionary<(int Size, ulong Mask, int Pool), (NodaTime.LocalDate Date, int Case)>();
        for (var i = queue.Length - 1; i >= 0; i--)
        {
            var a = queue[i];
            var session = month.SessionOf[a];
            if (session >= 0)
            {
                var key = (batch.Size[a], batch.MaxMask[a], batch.PoolOf[a]);
                var date = sessions[session].Date;
                if (!later.TryGetValue(key, out var earliest) || date < earliest.Date)
                {
                    later[key] = (date, a);
                }
                continue;
            }
            if (batch.Cases[a].Expedite)
            {
                for (var j = i + 1; j < queue.Length && !passedOver[a]; j++)
                {
                    var b = queue[j];
                    if (month.SessionOf[b] >= 0 && CanTakeSeat(batch, month.PoolLeft, book, a, batch.Size[b], batch.MaxMask[b], batch.PoolOf[b], sessions[month.SessionOf[b]].Date,
                            batch.PoolOf[b] == batch.PoolOf[a] && batch.Keys.CompareInPool(a, b) < 0))
                    {
                        passedOver[a] = true;
                        pairs?.Add((a, b));
                    }
                }
                continue;
            }
            foreach (var ((size, mask, pool), (date, b)) in later)
            {
                // A non-expedited case precedes every later case of its queue in pool order too.
                if (CanTakeSeat(batch, month.PoolLeft, book, a, size, mask, pool, date, pool == batch.PoolOf[a]))
                {
                    passedOver[a] = true;
                    pairs?.Add((a, b));
                    break;
                }
            }
        }
    }

    /// <summary>True when unseated case <paramref name="a"/>, earlier in the queue than booked case
    /// <paramref name="b"/> of the same post, could take its seat (the documents date aside).</summary>
    internal static bool CanTakeSeat(PreparedBatch batch, int[] poolLeft, PostBook book, int a, int b) =>
        CanTakeSeat(batch, poolLeft, book, a, batch.Size[b], batch.MaxMask[b], batch.PoolOf[b], NodaTime.LocalDate.MinIsoValue,
            batch.PoolOf[b] == batch.PoolOf[a] && batch.Keys.CompareInPool(a, b) < 0);

    private static bool CanTakeSeat(PreparedBatch batch, int[] poolLeft, PostBook book, int a,
        int sizeB, ulong maskB, int poolB, NodaTime.LocalDate dateB, bool mayTakeBsNumbers)
    {
        var sizeA = batch.Size[a];
        if (sizeA > sizeB || batch.DocumentsLimit[a] < dateB)
        {
            return false;
        }
        var poolA = batch.PoolOf[a];
        if (poolA >= 0 && !(poolB == poolA && mayTakeBsNumbers) && poolLeft[poolA] < sizeA)
        {
            return false;
        }
        return book.KeepsMaxRulesSwapping(maskB, sizeB, batch.MaxMask[a], sizeA);
    }

    /// <summary>Pool inversions: a case that fits its post as the month stands (a session on a date
    /// its documents allow with room for it, every <c>max</c> rule kept) while a later case of its
    /// pool, at least as large, holds numbers.</summary>
    private static void FindPoolInversions(PreparedBatch batch, BookedMonth month, bool[] passedOver, List<(int, int)>? pairs)
    {
        foreach (var order in batch.PoolOrder)
        {
            var largestLater = 0;
            var largestCase = -1;
            for (var i = order.Length - 1; i >= 0; i--)
            {
                var a = order[i];
                var size = batch.Size[a];
                if (month.SessionOf[a] >= 0)
                {
                    if (size > largestLater)
                    {
                        (largestLater, largestCase) = (size, a);
                    }
                    continue;
                }
                if (passedOver[a] || largestLater < size)
                {
                    continue;
                }
                var book = month.Books[batch.PostOf[a]];
                if (book.KeepsMaxRules(batch.MaxMask[a], size) && book.FirstFit(size, batch.DocumentsLimit[a]) >= 0)
                {
                    passedOver[a] = true;
                    pairs?.Add((a, largestCase));
                }
            }
        }
    }
}

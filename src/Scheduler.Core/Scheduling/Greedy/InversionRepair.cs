using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Core.Scheduling.Greedy;

/// <summary>Removes the FIFO inversions a booking has, by moving seats and numbers to the earlier
/// case each time. Numbers that a pool grants late (after an earlier case of the pool proved
/// unseatable at its post) can reach a case whose post already booked later cases of the same
/// queue: the late case then takes the seat of the latest such case it can replace. A case that
/// fits its post while a later case of its pool holds numbers takes that case's numbers.
/// <para>Every replacement moves a seat (or numbers) from a case to an earlier one of the same
/// queue (or pool) and frees the later one, which may in turn replace a case still later; so
/// the repair walks each queue and pool once from the front, with displaced cases joining the
/// walk, and the outer loop (refill, queues, pools) ends when a whole round changes nothing.</para></summary>
internal sealed class InversionRepair
{
    private readonly PreparedBatch _batch;
    private readonly PostQueues _queues;
    private readonly PostBook[] _books;
    private readonly int[] _sessionOf;
    private readonly int[] _poolLeft;

    public InversionRepair(PreparedBatch batch, PostQueues queues, PostBook[] books, int[] sessionOf, int[] poolLeft)
    {
        _batch = batch;
        _queues = queues;
        _books = books;
        _sessionOf = sessionOf;
        _poolLeft = poolLeft;
    }

    /// <summary>Rounds the last <see cref="Run"/> took.</summary>
    public int Rounds { get; private set; }

    /// <summary>Most rounds; each round is linear-ish in the number of cases.</summary>
    public const int MaxRounds = 1_000;

    /// <summary>Refills and repairs until a round changes nothing.</summary>
    /// <param name="refill">Offers the seats and numbers left to waiting cases; true when it booked any.</param>
    /// <param name="cancellationToken">Stops the repair.</param>
    public void Run(Func<bool> refill, CancellationToken cancellationToken)
    {
        for (Rounds = 1; Rounds <= MaxRounds; Rounds++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = refill();
            changed |= RepairQueues();
            changed |= RepairPools();
            if (!changed)
            {
                return;
            }
        }
    }

    /// <summary>Queue inversions: in each queue, each unseated case from the front takes the seat of
    /// the latest later case it can replace (no larger than it, on a date its documents allow,
    /// keeping the <c>max</c> rules and the numbers limits), which goes back to waiting.</summary>
    private bool RepairQueues()
    {
        var changed = false;
        for (var p = 0; p < _batch.Posts.Length; p++)
        {
            foreach (var queue in _queues.Queues[p])
            {
                changed |= RepairQueue(p, queue);
            }
        }
        return changed;
    }

    private bool RepairQueue(int post, int[] queue)
    {
        var size = _batch.Size;
        var pending = new SortedSet<int>();
        var seated = new Dictionary<(int Size, ulong Mask, int Pool), SortedSet<int>>();
        // A waiting case can only take the seat of a later seated one, and seats only move to earlier
        // cases: those after the last seated case (most of a large queue's waiting ones) never move.
        var lastSeated = -1;
        for (var i = queue.Length - 1; i >= 0 && lastSeated < 0; i--)
        {
            if (_sessionOf[queue[i]] >= 0)
            {
                lastSeated = i;
            }
        }
        for (var i = 0; i < lastSeated; i++)
        {
            var c = queue[i];
            if (_sessionOf[c] < 0)
            {
                pending.Add(i);
            }
            else
            {
                Group(seated, c).Add(i);
            }
        }
        if (lastSeated >= 0)
        {
            Group(seated, queue[lastSeated]).Add(lastSeated);
        }
        if (pending.Count == 0 || seated.Count == 0)
        {
            return false;
        }

        var sessions = _batch.Posts[post].Sessions;
        var book = _books[post];
        var changed = false;
        while (pending.Count > 0)
        {
            var positionA = pending.Min;
            pending.Remove(positionA);
            var a = queue[positionA];
            var bestPosition = -1;
            foreach (var ((groupSize, _, _), members) in seated)
            {
                if (groupSize < size[a] || members.Count == 0 || members.Max <= Math.Max(positionA, bestPosition))
                {
                    continue;
                }
                foreach (var positionB in members.GetViewBetween(Math.Max(positionA, bestPosition) + 1, int.MaxValue).Reverse())
                {
                    var b = queue[positionB];
                    if (sessions[_sessionOf[b]].Date > _batch.DocumentsLimit[a])
                    {
                        continue;
                    }
                    if (InversionFinder.CanTakeSeat(_batch, _poolLeft, book, a, b))
                    {
                        bestPosition = positionB;
                        break;
                    }
                    // Numbers and max rules are the same for every case of the group, unless an
                    // expedited case comes after some of them in pool order.
                    if (!_batch.Cases[a].Expedite)
                    {
                        break;
                    }
                }
            }
            if (bestPosition < 0)
            {
                continue;
            }
            var replaced = queue[bestPosition];
            Group(seated, replaced).Remove(bestPosition);
            var session = _sessionOf[replaced];
            Unseat(replaced);
            Seat(a, session);
            Group(seated, a).Add(positionA);
            pending.Add(bestPosition);
            changed = true;
        }
        return changed;
    }

    private SortedSet<int> Group(Dictionary<(int Size, ulong Mask, int Pool), SortedSet<int>> groups, int c)
    {
        var key = (_batch.Size[c], _batch.MaxMask[c], _batch.PoolOf[c]);
        if (!groups.TryGetValue(key, out var members))
        {
            groups[key] = members = [];
        }
        return members;
    }

    /// <summary>Pool inversions: in each pool, each unseated case from the front that fits its post
    /// as the month stands takes the numbers of the latest later case of the pool at least as
    /// large, which goes back to waiting.</summary>
    private bool RepairPools()
    {
        var changed = false;
        for (var pool = 0; pool < _batch.PoolOrder.Length; pool++)
        {
            changed |= RepairPool(_batch.PoolOrder[pool]);
        }
        return changed;
    }

    /// <summary>Most later cases of one size a pool repair looks at before giving up on an earlier case;
    /// the final inversion count reports any it gives up on.</summary>
    private const int MaxCandidatesLooked = 256;

    private bool RepairPool(int[] order)
    {
        var size = _batch.Size;
        var seatedBySize = new Dictionary<int, SortedSet<int>>();
        var anyPending = false;
        for (var i = 0; i < order.Length; i++)
        {
            var c = order[i];
            if (_sessionOf[c] >= 0)
            {
                if (!seatedBySize.TryGetValue(size[c], out var members))
                {
                    seatedBySize[size[c]] = members = [];
                }
                members.Add(i);
            }
            else
            {
                anyPending = true;
            }
        }
        if (!anyPending || seatedBySize.Count == 0)
        {
            return false;
        }

        // As in a queue: a case after the pool's last seated one has no later numbers to take, and
        // numbers only move to earlier cases.
        var lastSeated = seatedBySize.Values.Max(members => members.Max);
        var changed = false;
        for (var i = 0; i < lastSeated; i++)
        {
            var a = order[i];
            if (_sessionOf[a] >= 0)
            {
                continue;
            }
            var book = _books[_batch.PostOf[a]];
            if (!book.KeepsMaxRules(_batch.MaxMask[a], size[a]) || book.FirstFit(size[a], _batch.DocumentsLimit[a]) < 0)
            {
                continue;
            }
            var latest = -1;
            var latestSize = 0;
            foreach (var (groupSize, members) in seatedBySize)
            {
                // Cases a max-rule restore unseated leave stale entries behind.
                while (members.Count > 0 && _sessionOf[order[members.Max]] < 0)
                {
                    members.Remove(members.Max);
                }
                if (groupSize >= size[a] && members.Count > 0 && members.Max > Math.Max(i, latest))
                {
                    (latest, latestSize) = (members.Max, groupSize);
                }
            }
            if (latest < 0)
            {
                continue;
            }
            var replaced = order[latest];
            seatedBySize[latestSize].Remove(latest);
            Unseat(replaced);
            RestoreMaxRules(_batch.PostOf[replaced]);
            changed = true;
            var session = book.KeepsMaxRules(_batch.MaxMask[a], size[a]) ? book.FirstFit(size[a], _batch.DocumentsLimit[a]) : -1;
            if (session < 0)
            {
                continue;
            }
            Seat(a, session);
            if (!seatedBySize.TryGetValue(size[a], out var group))
            {
                seatedBySize[size[a]] = group = [];
            }
            group.Add(i);
        }
        return changed;
    }

    /// <summary>A case leaving a post lowers its total, which can push a <c>max</c> rule's share
    /// over its limit: the post then lets go of the cases counting towards that rule that come last
    /// in the chronological order, until every rule holds again.</summary>
    private void RestoreMaxRules(int post)
    {
        var book = _books[post];
        var rules = _batch.Posts[post].MaxRules.Length;
        for (var r = 0; r < rules; r++)
        {
            var bit = 1UL << r;
            while (!book.KeepsMaxRules(bit, 0))
            {
                var last = -1;
                foreach (var queue in _queues.Queues[post])
                {
                    foreach (var c in queue)
                    {
                        if (_sessionOf[c] >= 0 && (_batch.MaxMask[c] & bit) != 0
                            && (last < 0 || _queues.ChronologicalRank[c] > _queues.ChronologicalRank[last]))
                        {
                            last = c;
                        }
                    }
                }
                if (last < 0)
                {
                    break;
                }
                Unseat(last);
                // Letting go of a case can only lower other rules' totals too: start over.
                r = -1;
                break;
            }
        }
    }

    private void Unseat(int c)
    {
        _books[_batch.PostOf[c]].Unbook(_sessionOf[c], _batch.Size[c], _batch.MaxMask[c], _batch.TargetMask[c]);
        _sessionOf[c] = -1;
        if (_batch.PoolOf[c] >= 0)
        {
            _poolLeft[_batch.PoolOf[c]] += _batch.Size[c];
        }
    }

    private void Seat(int c, int session)
    {
        _books[_batch.PostOf[c]].Book(session, _batch.Size[c], _batch.MaxMask[c], _batch.TargetMask[c]);
        _sessionOf[c] = session;
        if (_batch.PoolOf[c] >= 0)
        {
            _poolLeft[_batch.PoolOf[c]] -= _batch.Size[c];
        }
    }
}

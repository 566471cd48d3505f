using Google.OrTools.Sat;
using NodaTime;

namespace Scheduler.Solver;

/// <summary>The hard rules a post model states beyond capacity: <c>max</c> mix rules, first in,
/// first out between classes of a queue, and the guards for cases waiting for numbers.</summary>
internal sealed partial class PostModel
{
    private void BuildMaxRules()
    {
        var rules = _prepared.MaxRules;
        _maxShares = rules.Select(r => Ratio(r.Share)).ToArray();
        _maxExcess = new LinearExpr[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            var (num, den) = _maxShares[r];
            var bit = 1UL << r;
            // den x count - num x total, which must stay <= 0.
            var excess = _model.NewIntVar(-num * _prepared.Capacity, 0, "");
            _model.Add(excess == LinearExpr.WeightedSum(_classes.Select(k => k.Count),
                _classes.Select(k => (long)k.Size * (((k.MaxMask & bit) != 0 ? den : 0) - num))));
            _maxExcess[r] = excess;
        }
    }

    /// <summary>A literal that forces rule r's excess (den x count - num x total) to at least threshold.</summary>
    private BoolVar Breaks(int rule, long threshold)
    {
        if (!_breaks.TryGetValue((rule, threshold), out var literal))
        {
            literal = _model.NewBoolVar("");
            _model.Add(_maxExcess[rule] >= threshold).OnlyEnforceIf(literal);
            _breaks[(rule, threshold)] = literal;
        }
        return literal;
    }

    /// <summary>Literals, one per rule, each true only when taking a case of (sizeIn, maskIn) in
    /// place of one of (sizeOut, maskOut) would break that rule.</summary>
    private List<ILiteral> SwapBreaks(int sizeIn, ulong maskIn, int sizeOut, ulong maskOut)
    {
        var literals = new List<ILiteral>();
        for (var r = 0; r < _maxShares.Length; r++)
        {
            var (num, den) = _maxShares[r];
            var bit = 1UL << r;
            var countChange = ((maskIn & bit) != 0 ? sizeIn : 0) - ((maskOut & bit) != 0 ? sizeOut : 0);
            // den (count + countChange) > num (total + sizeIn - sizeOut)
            literals.Add(Breaks(r, num * (sizeIn - sizeOut) - den * countChange + 1));
        }
        return literals;
    }

    /// <summary>First in, first out between classes of one queue. Classes are grouped by family size
    /// and <c>max</c> rules (what a swap's legality depends on); per group the earliest unseated
    /// member (<c>cut</c>) and the latest seated one (<c>last</c>). For groups G1, G2 with G1's size
    /// no larger: G2's last seated member comes before G1's cut, or swapping would break a rule.</summary>
    private void BuildFairness()
    {
        var cuts = new Dictionary<(int Queue, int Size, ulong Mask), IntVar>();
        var lasts = new Dictionary<(int Queue, int Size, ulong Mask), IntVar>();
        foreach (var k in _classes.Where(k => !k.Fixed))
        {
            var length = _queues[k.Queue].Length;
            var key = (k.Queue, k.Size, k.MaxMask);
            if (k.Latest == LocalDate.MaxIsoValue)
            {
                if (!cuts.TryGetValue(key, out var cut))
                {
                    cuts[key] = cut = _model.NewIntVar(-1, length, "");
                    _groups.Add((cut, key, true));
                }
                _model.Add(cut <= k.FirstUnseated);
            }
            if (!lasts.TryGetValue(key, out var last))
            {
                lasts[key] = last = _model.NewIntVar(-1, length, "");
                _groups.Add((last, key, false));
            }
            _model.Add(last >= k.LastSeated);
        }
        foreach (var ((queue1, size1, mask1), cut) in cuts)
        {
            foreach (var ((queue2, size2, mask2), last) in lasts)
            {
                if (queue1 != queue2 || size2 < size1)
                {
                    continue;
                }
                if (_maxShares.Length == 0)
                {
                    _model.Add(last - cut <= -1);
                    continue;
                }
                var inOrder = _model.NewBoolVar("");
                _model.Add(last - cut <= -1).OnlyEnforceIf(inOrder);
                _inOrder.Add((inOrder, cut, last));
                var any = SwapBreaks(size1, mask1, size2, mask2);
                any.Add(inOrder);
                _model.AddBoolOr(any);
            }
        }
        // A case whose documents end inside the month may be passed over only for cases on dates
        // after that: of each later class, the members after it must fit in the class's seats on
        // those dates (members take sessions in queue order, so they are exactly the last ones).
        foreach (var k1 in _classes.Where(k => !k.Fixed && k.Latest != LocalDate.MaxIsoValue))
        {
            foreach (var k2 in _classes)
            {
                if (!ReferenceEquals(k1, k2) && !k2.Fixed && k2.Queue == k1.Queue && k2.Size >= k1.Size)
                {
                    KeepLaterCasesAfter(k1.Positions[0], k1.Latest, k2, k1.Count, k1.FirstFitCount > 0);
                }
            }
        }
    }

    /// <summary>States that when the case at <paramref name="position"/> (documents valid through
    /// <paramref name="latest"/>) is not seated, the members of <paramref name="later"/> after it sit
    /// on later dates; only where first fit's month satisfies it (else the scheduler's check decides).</summary>
    private void KeepLaterCasesAfter(int position, LocalDate latest, CaseClass later, LinearExpr? seated, bool seatedByFirstFit)
    {
        var before = later.Positions.BinarySearch(position);
        before = before >= 0 ? before : ~before;
        if (before >= later.MaxCount)
        {
            return;
        }
        if (!later.After.TryGetValue(latest, out var after))
        {
            after = (later.PerSession.Where(kv => _prepared.Sessions[kv.Key].Date > latest).Select(kv => kv.Value).ToArray(),
                later.Members.Count(c => _ffSessionOf[c] >= 0 && _prepared.Sessions[_ffSessionOf[c]].Date > latest));
            later.After[latest] = after;
        }
        if (!seatedByFirstFit && later.FirstFitCount - before > after.FirstFitSeated)
        {
            return;
        }
        var late = after.Sessions.Length == 0 ? LinearExpr.Constant(0) : LinearExpr.Sum(after.Sessions);
        if (seated is null)
        {
            _model.Add(later.Count - late <= before);
        }
        else
        {
            _model.Add(later.Count - late - later.MaxCount * seated <= before);
        }
    }

    private long FirstFitFirstUnseated(CaseClass k) => k.FirstFitCount < k.Members.Count ? k.Positions[k.FirstFitCount] : _queues[k.Queue].Length;

    private long FirstFitLastSeated(CaseClass k) => k.FirstFitCount == 0 ? -1 : k.Positions[k.FirstFitCount - 1];

    /// <summary>Cases first fit left without numbers stay without; this keeps that fair: none may
    /// take a seated holder's seat in its queue, and none may find room at the post while a later
    /// case of its pool holds numbers.</summary>
    private void BuildGuards()
    {
        var sessions = _prepared.Sessions;
        var queueSeen = new HashSet<(int, ulong, CaseClass)>();
        var poolSeen = new HashSet<(int, ulong, LocalDate)>();
        foreach (var (a, queue, position) in _waitingForNumbers)
        {
            var size = _batch.Size[a];
            var mask = _batch.MaxMask[a];
            var latest = _batch.DocumentsLimit[a] < sessions[^1].Date ? _batch.DocumentsLimit[a] : sessions[^1].Date;
            if (latest < sessions[^1].Date)
            {
                foreach (var k2 in _classes)
                {
                    if (!k2.Fixed || k2.Queue != queue || k2.Size < size || k2.Positions[^1] < position)
                    {
                        continue;
                    }
                    if (HasNumbersFor(a, k2))
                    {
                        KeepLaterCasesAfter(position, latest, k2, null, false);
                    }
                }
            }
            if (latest >= sessions[^1].Date && _maxShares.Length > 0)
            {
                foreach (var k2 in _classes)
                {
                    if (!k2.Fixed || k2.Queue != queue || k2.Size < size || k2.Positions[^1] < position)
                    {
                        continue;
                    }
                    if (HasNumbersFor(a, k2) && queueSeen.Add((size, mask, k2)))
                    {
                        _model.AddBoolOr(SwapBreaks(size, mask, k2.Size, k2.MaxMask));
                    }
                }
            }
            if (!_laterHolder[a] || !poolSeen.Add((size, mask, latest)))
            {
                continue;
            }
            var alternatives = new List<ILiteral> { NoRoom(size, latest) };
            for (var r = 0; r < _maxShares.Length; r++)
            {
                var (num, den) = _maxShares[r];
                var countChange = (mask & (1UL << r)) != 0 ? size : 0;
                alternatives.Add(Breaks(r, num * size - den * countChange + 1));
            }
            _model.AddBoolOr(alternatives);
        }
    }

    /// <summary>True when waiting case <paramref name="a"/> could take the numbers of a seat in
    /// <paramref name="holders"/>: it comes first in their pool, or its own pool has enough left.</summary>
    private bool HasNumbersFor(int a, CaseClass holders)
    {
        var b = holders.Members[^1];
        var mayTakeNumbers = _batch.PoolOf[b] == _batch.PoolOf[a]
            && _batch.Keys.CompareInPool(a, b) < 0;
        return mayTakeNumbers || _poolLeft[_batch.PoolOf[a]] >= _batch.Size[a];
    }

    private BoolVar NoRoom(int size, LocalDate latest)
    {
        if (_noRoom.TryGetValue((size, latest), out var literal))
        {
            return literal;
        }
        literal = _model.NewBoolVar("");
        var sessions = _prepared.Sessions;
        for (var s = 0; s < sessions.Length && sessions[s].Date <= latest; s++)
        {
            if (sessions[s].Capacity >= size)
            {
                _model.Add(_load[s] >= sessions[s].Capacity - size + 1).OnlyEnforceIf(literal);
            }
        }
        _noRoom[(size, latest)] = literal;
        return literal;
    }
}

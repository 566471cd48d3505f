using System.Diagnostics;
using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Core.Scheduling;

namespace Scheduler.Solver;

/// <summary>One post's month as a CP-SAT model, solved in the spec's objective order.
/// <para><b>What is decided here and what is not.</b> Numbers are decided for the whole world
/// before any post model is built: the cases that hold numbers in the first-fit month (granted in
/// pool order, never to a later case a waiting one could use) keep exactly those numbers, so every
/// pool's holders, and what is left in it, are the same in every post model; the model only
/// chooses their sessions. The cases that need no numbers (IR, and categories without a pool) are
/// the model's to choose, in classes of interchangeable cases (<see cref="CaseClass"/>).</para>
/// <para><b>Pruning loses nothing.</b> A class's members are seated as a prefix, so seating its
/// (k+1)-th member needs k+1 times its family size in seats. Members beyond
/// <c>(seats - seats the numbers holders take) / size</c> can never be seated and get no variables.
/// Cases with numbers that first fit left out stay out (their pool has no number for them that a
/// later case does not already hold), and are in the model only through the guards below.</para>
/// <para><b>First in, first out.</b> For two classes of one queue, K1 no larger than K2: either
/// every seated member of K2 comes before K1's first unseated member, or swapping them would break a
/// <c>max</c> rule (linear in the month's totals). Cases first fit left out for want of numbers get
/// the same guard against the seated holders of their queue, and against any room appearing at
/// their post for them (the pool inversion). What the model cannot state exactly (documents dates
/// inside the month) the scheduler checks afterwards, falling back to first fit for that post.</para>
/// <para><b>Objective.</b> Lexicographic solves, each fixing the level before: most applicants
/// seated; then the least target deviation (scaled to integers by the common denominator of the
/// post's target shares); then the fewest <c>interview_by</c> misses. Earlier queue positions go on
/// earlier days within each class when the solution is read back.</para></summary>
internal sealed class PostModel
{
    private readonly PreparedBatch _batch;
    private readonly int _post;
    private readonly PreparedPost _prepared;
    private readonly int[][] _queues;
    private readonly int[] _ffSessionOf;
    private readonly int[] _poolLeft;
    private readonly bool[] _laterHolder;
    private readonly CpModel _model = new();
    private readonly List<CaseClass> _classes = [];
    private readonly List<(int Case, int Queue, int Position)> _waitingForNumbers = [];
    private readonly Dictionary<(int Rule, long Threshold), BoolVar> _breaks = [];
    private readonly Dictionary<(int Size, LocalDate Latest), BoolVar> _noRoom = [];
    private readonly List<(BoolVar Literal, IntVar Cut, IntVar Last)> _inOrder = [];
    private readonly List<(IntVar Variable, (int Queue, int Size, ulong Mask) Key, bool IsCut)> _groups = [];
    private LinearExpr _seats = null!;
    private LinearExpr[] _load = [];
    private LinearExpr[] _maxExcess = [];
    private (long Num, long Den)[] _maxShares = [];
    private LinearExpr? _deviation;
    private LinearExpr? _misses;

    public PostModel(PreparedBatch batch, PostQueues queues, int post, int[] ffSessionOf, int[] poolLeft, bool[] laterHolder)
    {
        _batch = batch;
        _post = post;
        _prepared = batch.Posts[post];
        _queues = queues.Queues[post];
        _ffSessionOf = ffSessionOf;
        _poolLeft = poolLeft;
        _laterHolder = laterHolder;
    }

    /// <summary>Classes in the model (after <see cref="Build"/>).</summary>
    public int ClassCount => _classes.Count;

    /// <summary>First fit's seated applicants at the post.</summary>
    public long FirstFitSeats { get; private set; }

    /// <summary>Upper bound on seated applicants by arithmetic: the seats, or everyone who could come.</summary>
    public long ArithmeticBound { get; private set; }

    /// <summary>True when the model has something to decide beyond first fit: first fit is below the
    /// arithmetic bound, or there are targets or <c>interview_by</c> dates to optimize.</summary>
    public bool NeedsSearch { get; private set; }

    /// <summary>Most members a class's count may move from first fit's in either direction. Beyond
    /// it (only at the largest posts) the model is a neighbourhood of first fit: its solutions are
    /// still exact schedules, but its bounds prove nothing about the whole month, so only the
    /// arithmetic bound is reported there.</summary>
    public const int Window = 300;

    /// <summary>True when no class's count was narrowed to the window: the model's bounds are proofs.</summary>
    public bool Exact { get; private set; } = true;

    /// <summary>The first level's solver status, for tracing.</summary>
    public string LastStatus { get; private set; } = "";

    /// <summary>Builds classes, variables and constraints; with <paramref name="variables"/> false
    /// (no time left to search) only the classes and the arithmetic bound.</summary>
    public void Build(bool variables = true)
    {
        BuildClasses();
        var sessions = _prepared.Sessions;
        var fixedSeats = _classes.Where(k => k.Fixed).Sum(k => (long)k.Members.Count * k.Size);
        var freeSeats = Math.Max(0, _prepared.Capacity - fixedSeats);
        long demand = fixedSeats;
        foreach (var k in _classes)
        {
            k.MaxCount = k.Fixed ? k.Members.Count : (int)Math.Min(k.Members.Count, freeSeats / k.Size);
            if (!k.Fixed)
            {
                demand += (long)k.Members.Count * k.Size;
            }
            k.FirstFitCount = k.Members.Count(c => _ffSessionOf[c] >= 0);
            FirstFitSeats += (long)k.FirstFitCount * k.Size;
        }
        ArithmeticBound = Math.Min(_prepared.Capacity, demand);
        NeedsSearch = sessions.Length > 0
            && (FirstFitSeats < ArithmeticBound || _prepared.TargetRules.Length > 0 || _classes.Any(k => k.InterviewBy is not null));
        if (!NeedsSearch || !variables)
        {
            return;
        }

        var loads = Enumerable.Range(0, sessions.Length).Select(_ => new List<(IntVar, long)>()).ToArray();
        foreach (var k in _classes)
        {
            // Large classes search a window around first fit's count (see Exact).
            var lo = k.Fixed ? k.MaxCount : Math.Max(0, k.FirstFitCount - Window);
            var hi = k.Fixed ? k.MaxCount : Math.Min(k.MaxCount, k.FirstFitCount + Window);
            Exact &= k.Fixed || (lo == 0 && hi == k.MaxCount);
            k.Count = _model.NewIntVar(lo, hi, "");
            var perSession = new List<IntVar>();
            for (var s = 0; s < sessions.Length; s++)
            {
                if (sessions[s].Capacity < k.Size || sessions[s].Date > k.Latest)
                {
                    continue;
                }
                var y = _model.NewIntVar(0, Math.Min(k.MaxCount, sessions[s].Capacity / k.Size), "");
                k.PerSession[s] = y;
                perSession.Add(y);
                loads[s].Add((y, k.Size));
            }
            _model.Add(LinearExpr.Sum(perSession) == k.Count);
            var firstUnseated = new long[hi - lo + 1];
            var lastSeated = new long[hi - lo + 1];
            for (var j = lo; j <= hi; j++)
            {
                firstUnseated[j - lo] = j < k.Members.Count ? k.Positions[j] : _queues[k.Queue].Length;
                lastSeated[j - lo] = j == 0 ? -1 : k.Positions[j - 1];
            }
            k.FirstUnseated = _model.NewIntVar(firstUnseated[0], firstUnseated[^1], "");
            k.LastSeated = _model.NewIntVar(lastSeated[0], lastSeated[^1], "");
            if (lo == hi)
            {
                _model.Add(k.FirstUnseated == firstUnseated[0]);
                _model.Add(k.LastSeated == lastSeated[0]);
            }
            else
            {
                var index = _model.NewIntVar(0, hi - lo, "");
                _model.Add(index == k.Count - lo);
                _model.AddElement(index, firstUnseated, k.FirstUnseated);
                _model.AddElement(index, lastSeated, k.LastSeated);
            }
        }

        // Loads (and the max rules' excesses below) are variables of their own, so that the many
        // guards that test them are one-variable constraints, not copies of long sums.
        _load = new LinearExpr[sessions.Length];
        for (var s = 0; s < sessions.Length; s++)
        {
            if (loads[s].Count == 0)
            {
                _load[s] = LinearExpr.Constant(0);
                continue;
            }
            var load = _model.NewIntVar(0, sessions[s].Capacity, "");
            _model.Add(load == LinearExpr.WeightedSum(loads[s].Select(t => t.Item1), loads[s].Select(t => t.Item2)));
            _load[s] = load;
        }
        _seats = LinearExpr.WeightedSum(_classes.Select(k => k.Count), _classes.Select(k => (long)k.Size));

        BuildMaxRules();
        BuildFairness();
        BuildGuards();
        BuildTargets();
        BuildMisses();
    }

    private void BuildClasses()
    {
        var sessions = _prepared.Sessions;
        var lastDate = sessions.Length == 0 ? LocalDate.MinIsoValue : sessions[^1].Date;
        for (var q = 0; q < _queues.Length; q++)
        {
            var byKey = new Dictionary<(bool, int, ulong, ulong), CaseClass>();
            var queue = _queues[q];
            for (var i = 0; i < queue.Length; i++)
            {
                var c = queue[i];
                var limitedByPool = _batch.PoolOf[c] >= 0;
                if (limitedByPool && _ffSessionOf[c] < 0)
                {
                    _waitingForNumbers.Add((c, q, i));
                    continue;
                }
                var interviewBy = _batch.Cases[c].InterviewBy is { } by && by < lastDate ? by : (LocalDate?)null;
                var latest = _batch.DocumentsLimit[c];
                CaseClass? k = null;
                var alone = latest < lastDate || interviewBy is not null;
                var key = (limitedByPool, _batch.Size[c], _batch.MaxMask[c], _batch.TargetMask[c]);
                if (alone || !byKey.TryGetValue(key, out k))
                {
                    k = new CaseClass
                    {
                        Queue = q,
                        Size = _batch.Size[c],
                        MaxMask = _batch.MaxMask[c],
                        TargetMask = _batch.TargetMask[c],
                        Fixed = limitedByPool,
                        Latest = alone ? latest : LocalDate.MaxIsoValue,
                        InterviewBy = interviewBy,
                    };
                    _classes.Add(k);
                    if (!alone)
                    {
                        byKey[key] = k;
                    }
                }
                k.Members.Add(c);
                k.Positions.Add(i);
            }
        }
    }

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
        var lateSessions = later.PerSession.Where(kv => _prepared.Sessions[kv.Key].Date > latest).Select(kv => (LinearExpr)kv.Value).ToList();
        var firstFitLate = later.Members.Count(c => _ffSessionOf[c] >= 0 && _prepared.Sessions[_ffSessionOf[c]].Date > latest);
        if (!seatedByFirstFit && later.FirstFitCount - before > firstFitLate)
        {
            return;
        }
        var late = lateSessions.Count == 0 ? LinearExpr.Constant(0) : LinearExpr.Sum(lateSessions);
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
            && Scheduler.Core.Scheduling.CaseOrdering.CompareInPool(_batch.Cases[a], _batch.Cases[b]) < 0;
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

    private void BuildTargets()
    {
        var rules = _prepared.TargetRules;
        if (rules.Length == 0)
        {
            return;
        }
        var ratios = rules.Select(r => Ratio(r.Share)).ToArray();
        var scale = ratios.Aggregate(1L, (l, r) => Lcm(l, r.Den));
        var deviations = new List<IntVar>();
        var maxSeats = (long)_prepared.Capacity;
        for (var r = 0; r < rules.Length; r++)
        {
            var bit = 1UL << r;
            var share = ratios[r].Num * (scale / ratios[r].Den);
            // scale x count - share x total, in both directions.
            var signed = LinearExpr.WeightedSum(_classes.Select(k => k.Count),
                _classes.Select(k => (long)k.Size * (((k.TargetMask & bit) != 0 ? scale : 0) - share)));
            var deviation = _model.NewIntVar(0, maxSeats * scale, "");
            _model.Add(deviation >= signed);
            _model.Add(deviation >= -signed);
            deviations.Add(deviation);
        }
        _deviation = LinearExpr.Sum(deviations);
    }

    private void BuildMisses()
    {
        var terms = new List<LinearExpr>();
        long constant = 0;
        foreach (var k in _classes.Where(k => k.InterviewBy is not null))
        {
            constant++;
            var onTime = k.PerSession.Where(kv => _prepared.Sessions[kv.Key].Date <= k.InterviewBy!.Value).Select(kv => (LinearExpr)kv.Value).ToList();
            if (onTime.Count > 0)
            {
                terms.Add(LinearExpr.Sum(onTime));
            }
        }
        if (constant > 0)
        {
            _misses = constant - (terms.Count == 0 ? LinearExpr.Constant(0) : LinearExpr.Sum(terms));
        }
    }

    /// <summary>Solves level by level and reads the schedule back into <paramref name="sessionOf"/>
    /// (the post's cases only). Returns null when no solution was found in time.</summary>
    public PostOutcome? Solve(int seed, double deterministicTime, double wallSeconds, int[] sessionOf, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var solver = new CpSolver();
        using var registration = cancellationToken.Register(solver.StopSearch);
        var levels = (FirstFitSeats >= ArithmeticBound ? 0 : 1) + (_deviation is null ? 0 : 1) + (_misses is null ? 0 : 1);
        // CP-SAT would catch SIGINT itself during a solve and swallow it (stopping that one solve
        // only); Ctrl+C belongs to the command, which cancels the token and so every solve.
        string Parameters() =>
            $"num_workers:1,random_seed:{seed},catch_sigint_signal:false,max_deterministic_time:{deterministicTime / levels:0.###}," +
            $"max_time_in_seconds:{Math.Max(0.05, wallSeconds - stopwatch.Elapsed.TotalSeconds):0.###}" +
            (Environment.GetEnvironmentVariable("SCHEDULER_LOG_POST") == _prepared.Post.Code ? ",log_search_progress:true" : "");

        var values = FirstFitValues();
        long seats, bound;
        var optimal = true;
        if (FirstFitSeats >= ArithmeticBound)
        {
            // First fit already seats everyone who could come, or fills every seat: nothing to search.
            (seats, bound) = (FirstFitSeats, ArithmeticBound);
            LastStatus = "Arithmetic";
        }
        else
        {
            Hint(values);
            _model.Maximize(_seats);
            solver.StringParameters = Parameters();
            var status = solver.Solve(_model);
            LastStatus = status.ToString();
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                return null;
            }
            seats = (long)Math.Round(solver.ObjectiveValue);
            bound = Exact ? Math.Min(ArithmeticBound, (long)Math.Floor(solver.BestObjectiveBound + 1e-6)) : ArithmeticBound;
            optimal = seats >= bound;
            values = CurrentValues(solver);
        }
        _model.Add(_seats >= seats);

        // Each further level fixes the one before and starts from its solution.
        bool Minimize(LinearExpr objective, out double value, out double bound)
        {
            Hint(values);
            _model.Minimize(objective);
            solver.StringParameters = Parameters();
            var status = solver.Solve(_model);
            (value, bound) = (solver.ObjectiveValue, solver.BestObjectiveBound);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                optimal = false;
                return false;
            }
            values = CurrentValues(solver);
            return true;
        }
        if (_deviation is not null && !cancellationToken.IsCancellationRequested && Minimize(_deviation, out var found, out var lowest))
        {
            var deviation = (long)Math.Round(found);
            optimal &= deviation <= (Exact ? (long)Math.Ceiling(lowest - 1e-6) : 0);
            _model.Add(_deviation <= deviation);
        }
        if (_misses is not null && !cancellationToken.IsCancellationRequested && Minimize(_misses, out var misses, out var fewest))
        {
            optimal &= misses <= fewest + 1e-6 && (Exact || misses < 0.5);
        }

        ReadBack(values, sessionOf);
        return new PostOutcome(optimal ? "OPTIMAL" : "FEASIBLE", seats, bound, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>First fit's month as an assignment of the model's decision variables (counts,
    /// per-session counts, group positions) and every helper literal, so CP-SAT starts from a
    /// feasible solution; the integer helpers (loads, rule excesses, deviations) follow from these.</summary>
    private Dictionary<IntVar, long> FirstFitValues()
    {
        var values = new Dictionary<IntVar, long>();
        var sessions = _prepared.Sessions;
        var load = new long[sessions.Length];
        long total = 0;
        var maxCounts = new long[_maxShares.Length];
        foreach (var k in _classes)
        {
            values[k.Count] = k.FirstFitCount;
            foreach (var (s, y) in k.PerSession)
            {
                values[y] = 0;
            }
            foreach (var c in k.Members)
            {
                if (_ffSessionOf[c] >= 0 && k.PerSession.TryGetValue(_ffSessionOf[c], out var y))
                {
                    values[y]++;
                    load[_ffSessionOf[c]] += k.Size;
                }
            }
            values[k.FirstUnseated] = FirstFitFirstUnseated(k);
            values[k.LastSeated] = FirstFitLastSeated(k);
            total += (long)k.FirstFitCount * k.Size;
            for (var r = 0; r < maxCounts.Length; r++)
            {
                if ((k.MaxMask & (1UL << r)) != 0)
                {
                    maxCounts[r] += (long)k.FirstFitCount * k.Size;
                }
            }
        }
        foreach (var (variable, key, isCut) in _groups)
        {
            var members = _classes.Where(k => !k.Fixed && (k.Queue, k.Size, k.MaxMask) == key && (!isCut || k.Latest == LocalDate.MaxIsoValue));
            values[variable] = isCut ? members.Min(FirstFitFirstUnseated) : members.Max(FirstFitLastSeated);
        }
        foreach (var (literal, cut, last) in _inOrder)
        {
            values[literal] = values[last] < values[cut] ? 1 : 0;
        }
        foreach (var ((rule, threshold), literal) in _breaks)
        {
            var (num, den) = _maxShares[rule];
            values[literal] = den * maxCounts[rule] - num * total >= threshold ? 1 : 0;
        }
        foreach (var ((size, latest), literal) in _noRoom)
        {
            var noRoom = true;
            for (var s = 0; s < sessions.Length && sessions[s].Date <= latest; s++)
            {
                noRoom &= sessions[s].Capacity < size || load[s] >= sessions[s].Capacity - size + 1;
            }
            values[literal] = noRoom ? 1 : 0;
        }
        return values;
    }

    private Dictionary<IntVar, long> CurrentValues(CpSolver solver)
    {
        var values = new Dictionary<IntVar, long>();
        foreach (var k in _classes)
        {
            values[k.Count] = solver.Value(k.Count);
            values[k.FirstUnseated] = solver.Value(k.FirstUnseated);
            values[k.LastSeated] = solver.Value(k.LastSeated);
            foreach (var y in k.PerSession.Values)
            {
                values[y] = solver.Value(y);
            }
        }
        foreach (var variable in _groups.Select(g => g.Variable))
        {
            values[variable] = solver.Value(variable);
        }
        foreach (var literal in _inOrder.Select(t => (IntVar)t.Literal).Concat(_breaks.Values).Concat(_noRoom.Values))
        {
            values[literal] = solver.Value(literal);
        }
        return values;
    }

    private void Hint(Dictionary<IntVar, long> values)
    {
        _model.ClearHints();
        foreach (var (variable, value) in values)
        {
            _model.AddHint(variable, value);
        }
    }

    /// <summary>Seats each class's first members, in queue order, in its sessions in date order.</summary>
    private void ReadBack(Dictionary<IntVar, long> values, int[] sessionOf)
    {
        foreach (var k in _classes)
        {
            var count = (int)values[k.Count];
            var member = 0;
            foreach (var (s, y) in k.PerSession.OrderBy(kv => kv.Key))
            {
                for (var i = 0; i < values[y]; i++)
                {
                    sessionOf[k.Members[member++]] = s;
                }
            }
            Debug.Assert(member == count);
            for (; member < k.Members.Count; member++)
            {
                sessionOf[k.Members[member]] = -1;
            }
        }
    }

    private static (long Num, long Den) Ratio(decimal share)
    {
        var scale = (decimal.GetBits(share)[3] >> 16) & 0xFF;
        var den = 1L;
        for (var i = 0; i < scale; i++)
        {
            den *= 10;
        }
        var num = (long)(share * den);
        var gcd = Gcd(Math.Abs(num), den);
        return (num / gcd, den / gcd);
    }

    private static long Gcd(long a, long b) => b == 0 ? Math.Max(a, 1) : Gcd(b, a % b);

    private static long Lcm(long a, long b) => a / Gcd(a, b) * b;
}

/// <summary>How one post's solve went.</summary>
/// <param name="Status">OPTIMAL (every level proven) or FEASIBLE.</param>
/// <param name="Seats">Applicants seated (the first level's objective).</param>
/// <param name="Bound">The best proven bound on applicants seated.</param>
/// <param name="SolveMs">Wall time of the solves.</param>
internal sealed record PostOutcome(string Status, long Seats, long Bound, long SolveMs);

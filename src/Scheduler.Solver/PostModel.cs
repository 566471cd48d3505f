using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Core.Scenarios;
using Scheduler.Core.Scheduling.Metrics;
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
/// post's target shares); then the fewest <c>interview_by</c> misses (the last two as one solve of
/// deviation weighted above every possible miss, which orders them the same). Earlier queue positions go on
/// earlier days within each class when the solution is read back.</para></summary>
internal sealed partial class PostModel
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
    private long _mostMisses;
    private long _mostDeviation;

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

    /// <summary>The window at a post whose model is a neighbourhood anyway (some class would move
    /// more than <see cref="Window"/>): every class there moves at most this far. CP-SAT's presolve
    /// encodes each class's queue positions value by value, so the window, not the search, set those
    /// posts' time: at Ciudad Juarez (CP-SAT's log, <c>SCHEDULER_LOG_POST=CDJ</c>) ±300 took 1.2-1.9 s to
    /// presolve and ±100 0.27 s, for the same deviation. Posts whose every class fits in <see cref="Window"/> are searched whole, as before,
    /// so the posts proven optimal stay the same (the README's "CP-SAT model" section has the figures).</summary>
    public const int NeighbourhoodWindow = 100;

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
            && (FirstFitSeats < ArithmeticBound || _prepared.TargetRules.Length > 0
                || _classes.Any(k => k.InterviewBy is not null || (!k.Fixed && k.DueThisMonth.Count > 0 && k.DueThisMonth[^1] >= k.FirstFitCount)));
        if (!NeedsSearch || !variables)
        {
            return;
        }

        var loads = Enumerable.Range(0, sessions.Length).Select(_ => new List<(IntVar, long)>()).ToArray();
        var window = _classes.Any(k => !k.Fixed && (k.FirstFitCount > Window || k.FirstFitCount + Window < k.MaxCount)) ? NeighbourhoodWindow : Window;
        foreach (var k in _classes)
        {
            // Large classes search a window around first fit's count (see Exact).
            var lo = k.Fixed ? k.MaxCount : Math.Max(0, k.FirstFitCount - window);
            var hi = k.Fixed ? k.MaxCount : Math.Min(k.MaxCount, k.FirstFitCount + window);
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
            IntVar? index = null;
            if (lo == hi)
            {
                _model.Add(k.FirstUnseated == firstUnseated[0]);
                _model.Add(k.LastSeated == lastSeated[0]);
            }
            else
            {
                index = _model.NewIntVar(0, hi - lo, "");
                _model.Add(index == k.Count - lo);
                _model.AddElement(index, firstUnseated, k.FirstUnseated);
                _model.AddElement(index, lastSeated, k.LastSeated);
            }
            // Members due this month that the count leaves out miss their date (the misses level).
            if (k.DueThisMonth.Count > 0)
            {
                var seatedDue = new long[hi - lo + 1];
                for (var j = lo; j <= hi; j++)
                {
                    seatedDue[j - lo] = k.DueThisMonth.Count(i => i < j);
                }
                k.SeatedDueAtLowest = seatedDue[0];
                if (index is not null && seatedDue[0] != seatedDue[^1])
                {
                    k.SeatedDue = _model.NewIntVar(seatedDue[0], seatedDue[^1], "");
                    _model.AddElement(index, seatedDue, k.SeatedDue);
                }
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
        var monthEnd = RunDate.LastDayOf(_batch.Scenario.Month);
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
                if (_batch.Cases[c].InterviewBy is { } due && due >= lastDate && due <= monthEnd)
                {
                    k.DueThisMonth.Add(k.Members.Count);
                }
                k.Members.Add(c);
                k.Positions.Add(i);
            }
        }
    }
}

/// <summary>How one post's solve went.</summary>
/// <param name="Status">OPTIMAL (every level proven) or FEASIBLE.</param>
/// <param name="Seats">Applicants seated (the first level's objective).</param>
/// <param name="Bound">The best proven bound on applicants seated.</param>
/// <param name="SolveMs">Wall time of the solves.</param>
internal sealed record PostOutcome(SolveStatus Status, long Seats, long Bound, long SolveMs)
{
    /// <summary>True when the answer came from a <see cref="SolveCache"/> (no search ran).</summary>
    public bool Reused { get; init; }
}

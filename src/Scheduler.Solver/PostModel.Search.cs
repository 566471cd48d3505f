using System.Diagnostics;
using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Solver;

/// <summary>The objective levels after seats (target deviation, <c>interview_by</c> misses), the
/// lexicographic solves with first fit's month as the hint, and reading the schedule back.</summary>
internal sealed partial class PostModel
{
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
            _mostDeviation += maxSeats * scale;
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
        // Members whose date falls after the last session but in the month: a miss when left unseated.
        foreach (var k in _classes.Where(k => !k.Fixed && k.DueThisMonth.Count > 0))
        {
            constant += k.DueThisMonth.Count;
            if (k.SeatedDue is { } seated)
            {
                terms.Add(seated);
            }
            else
            {
                constant -= k.SeatedDueAtLowest;
            }
        }
        _mostMisses = constant;
        if (constant > 0)
        {
            _misses = constant - (terms.Count == 0 ? LinearExpr.Constant(0) : LinearExpr.Sum(terms));
        }
    }

    /// <summary>Solves level by level and reads the schedule back into <paramref name="sessionOf"/>
    /// (the post's cases only). Returns null when no solution was found in time.</summary>
    /// <param name="seed">CP-SAT's random seed.</param>
    /// <param name="deterministicTime">Deterministic time for all levels together.</param>
    /// <param name="wallSeconds">Wall time left (infinite: no limit).</param>
    /// <param name="sessionOf">Receives the post's cases' sessions.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <param name="cache">Searches done before: when this model was solved before with the same seed
    /// and limits, its answer is read back without searching; otherwise a search run to its
    /// deterministic limit (no wall-clock limit, not cancelled) is stored.</param>
    /// <param name="slots">Searches allowed at once across plans (taken only around a search this call
    /// runs itself, never while waiting for another's answer, so waiting cannot deadlock); null: no limit.</param>
    public PostOutcome? Solve(int seed, double deterministicTime, double wallSeconds, int[] sessionOf, CancellationToken cancellationToken,
        SolveCache? cache = null, SemaphoreSlim? slots = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var solver = new CpSolver();
        using var registration = cancellationToken.Register(solver.StopSearch);
        var values = FirstFitValues();
        string? key = null;
        if (cache is not null)
        {
            Hint(values);
            key = CacheKey(seed, deterministicTime);
            Key = key;
            if (!cache.TryClaim(key, out var answer))
            {
                if (answer.GetAwaiter().GetResult() is { } cached && cached.Values.Length == _model.Model.Variables.Count)
                {
                    LastStatus = cached.LastStatus;
                    ReadBack(variable => cached.Values[variable.GetIndex()], sessionOf);
                    return cached.Outcome with { Reused = true };
                }
                // That search was cut short: this one searches, and does not store.
                key = null;
            }
        }
        try
        {
            slots?.Wait(CancellationToken.None);
            PostOutcome? outcome;
            try
            {
                outcome = Search(seed, deterministicTime, wallSeconds, sessionOf, cancellationToken, values, stopwatch, solver);
            }
            finally
            {
                slots?.Release();
            }
            if (key is not null)
            {
                // Only a search that ran to its deterministic limit is what the same model gives every time.
                var complete = outcome is not null && double.IsPositiveInfinity(wallSeconds) && !cancellationToken.IsCancellationRequested;
                cache!.Complete(key, complete ? new CachedSolve(ByIndex(_solution!), outcome!, LastStatus) : null);
                key = null;
            }
            return outcome;
        }
        finally
        {
            if (key is not null)
            {
                cache!.Complete(key, null);
            }
        }
    }

    /// <summary>The fingerprint of the model searched (or answered from the cache), when a cache was given.</summary>
    public string? Key { get; private set; }

    /// <summary>Every variable's value by its index in the model, as a cache keeps it.</summary>
    private long[] ByIndex(Dictionary<IntVar, long> values)
    {
        var byIndex = new long[_model.Model.Variables.Count];
        foreach (var (variable, value) in values)
        {
            byIndex[variable.GetIndex()] = value;
        }
        return byIndex;
    }

    /// <summary>The solution the last search read back.</summary>
    private Dictionary<IntVar, long>? _solution;

    /// <summary>How much presolve each solve does. CP-SAT's defaults (probing at level 2, three
    /// presolve rounds) spend the deterministic budget before the search starts at the largest posts:
    /// at Ciudad Juarez (3,000 variables, 24,000 constraints) three probing passes took 2.8 of its 3.0
    /// units and the solve ended UNKNOWN, its first fit unimproved and unproven. One round without
    /// probing leaves the budget to the search, which from first fit's hint proves most posts optimal
    /// in a fraction of it: national seed 1 plans in 16 s instead of 27 s, with the same seats and
    /// deviation, fewer <c>interview_by</c> misses and 118 posts proven optimal instead of 111.
    /// Part of every cache key: an answer found under other settings is not this one.</summary>
    internal const string Presolve = "cp_model_probing_level:0,max_presolve_iterations:1";

    /// <summary>What a post searched in a window around first fit (not <see cref="Exact"/>) adds to
    /// <see cref="Presolve"/>: CP-SAT's fuller LP relaxation (level 2, which relaxes every linear and
    /// element constraint, not only the ones its default level picks). At a neighbourhood the default
    /// level's bound can stay at the objective's domain, and the search then runs to the deterministic
    /// limit: at Mumbai (national seed 1) it did so in 3.7 s for a deviation-and-misses objective of
    /// 1,973 and a bound of 13; with level 2 it proves 1,693 optimal within the window in 1.4 s. Measured on
    /// every post model of national seed 1, solved alone with each setting: every other post reaches the
    /// same optimum either way, in about the same time; national seeds 1-3 plan the same seats with a
    /// deviation as low or lower (262.71 against 263.71; 806.22 and 418.38 both) and as few misses or
    /// fewer (371 both; 352 both; 355 against 356). Exact posts keep the default: there level 2 brought
    /// no consistent gain (one post fewer proven optimal on seed 3). Part of every cache key.</summary>
    internal const string WindowedSearch = "linearization_level:2";

    /// <summary>How the levels are searched, part of every cache key: an answer kept on disk by an
    /// engine that searched them otherwise (deviation and misses as two solves, before 2026-12-02) is
    /// not this engine's answer for the same model.</summary>
    internal const string SearchProcedure = "levels:seats,deviation+misses";

    /// <summary>The CP-SAT build that searches, part of every cache key: answers kept on disk by another
    /// OR-Tools (a package upgrade) are never taken for this one's, which may search differently.</summary>
    internal static readonly string SolverBuild =
        typeof(CpSolver).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(CpSolver).Assembly.GetName().Version?.ToString() ?? "ortools";

    /// <summary>Largest objective whose every integer a double (CP-SAT's objective value) holds exactly.</summary>
    private const long MostExactObjective = 1L << 52;

    private PostOutcome? Search(int seed, double deterministicTime, double wallSeconds, int[] sessionOf, CancellationToken cancellationToken,
        Dictionary<IntVar, long> values, Stopwatch stopwatch, CpSolver solver)
    {
        // Each solve gets one objective level's share of the budget; deviation and misses solved
        // together (below) still get one share, as each did alone.
        var levels = (FirstFitSeats >= ArithmeticBound ? 0 : 1) + (_deviation is null ? 0 : 1) + (_misses is null ? 0 : 1);
        // CP-SAT would catch SIGINT itself during a solve and swallow it (stopping that one solve
        // only); Ctrl+C belongs to the command, which cancels the token and so every solve.
        string Parameters() =>
            $"num_workers:1,random_seed:{seed},catch_sigint_signal:false,{Presolve},{(Exact ? "" : WindowedSearch + ",")}max_deterministic_time:{deterministicTime / levels:0.###}," +
            $"max_time_in_seconds:{Math.Max(0.05, wallSeconds - stopwatch.Elapsed.TotalSeconds):0.###}" +
            (Environment.GetEnvironmentVariable("SCHEDULER_LOG_POST") == _prepared.Post.Code.Value ? ",log_search_progress:true" : "");
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
        if (_deviation is not null && _misses is not null && _mostDeviation < MostExactObjective / (_mostMisses + 1))
        {
            // Deviation, then misses, in one solve: a unit of deviation outweighs every miss there
            // can be, so the order is exactly the lexicographic one, and the model is presolved once
            // instead of twice (presolve, not the search, is most of a large post's time).
            if (!cancellationToken.IsCancellationRequested && Minimize(_deviation * (_mostMisses + 1) + _misses, out var found, out var lowest))
            {
                optimal &= (long)Math.Round(found) <= (Exact ? (long)Math.Ceiling(lowest - 1e-6) : 0);
            }
        }
        else
        {
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
        }

        ReadBack(variable => values[variable], sessionOf);
        _solution = values;
        return new PostOutcome(optimal ? SolveStatus.Optimal : SolveStatus.Feasible, seats, bound, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>Everything the search's answer depends on: the model as CP-SAT receives it (with the
    /// hint), the seed, the deterministic time, the levels and the bounds the answer is judged by.</summary>
    private string CacheKey(int seed, double deterministicTime)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        ModelFingerprint.Append(hash, _model.Model);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"|{SolverBuild}|{SearchProcedure}|{Presolve}|{(Exact ? "" : WindowedSearch)}|{seed}|{deterministicTime:R}|{FirstFitSeats}|{ArithmeticBound}|{Exact}|{_deviation is null}|{_misses is null}")));
        return Convert.ToHexString(hash.GetHashAndReset());
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
    private void ReadBack(Func<IntVar, long> values, int[] sessionOf)
    {
        foreach (var k in _classes)
        {
            var count = (int)values(k.Count);
            var member = 0;
            foreach (var (s, y) in k.PerSession.OrderBy(kv => kv.Key))
            {
                for (var i = 0; i < values(y); i++)
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

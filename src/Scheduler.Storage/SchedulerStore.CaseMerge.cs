using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Scheduler.Core.Cases;
using Scheduler.Storage.Read;

namespace Scheduler.Storage;

// The two helpers of ReadCasesAsync: applicants gathered in runs as they are read, and the cases meeting them.
public sealed partial class SchedulerStore
{
    /// <summary>Applicants in read order, in runs: in table order a case's applicants stand together (they are imported
    /// together), so a read makes each run's array as it ends (its applicants by position) and publishes it with its case's
    /// id (<see cref="Published{T}"/>: the cases meet them while the read goes on), no list per case and no list of every
    /// applicant to copy from.</summary>
    private sealed class ApplicantRuns(ManualResetEventSlim progress)
    {
        /// <summary>Each run: its case's id and its applicants.</summary>
        public readonly Published<(string Case, Applicant[] Applicants)> Runs = new();
        // Each run's positions, in its array's order, one after another (run r's start is the sum of the runs' lengths
        // before it): only a case whose applicants stand in two runs needs them.
        private readonly List<long> _positions = [];
        private readonly List<(long Position, Applicant Applicant)> _current = [];
        private string? _currentCase;
        private volatile bool _done;

        /// <summary>True when the runs' case ids rise strictly (ordinal), as the store writes them: then each case has one
        /// run, and the cases, read in the same order, meet theirs by walking both lists. Final once <see cref="Done"/>.</summary>
        public bool Rising { get; private set; } = true;

        /// <summary>True once the last run is published.</summary>
        public bool Done => _done;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(string caseId, Applicant applicant, long position)
        {
            if (!ReferenceEquals(_currentCase, caseId))
            {
                EndRun();
                _currentCase = caseId;
            }
            _current.Add((position, applicant));
        }

        /// <summary>Ends the last run: called once the read is over.</summary>
        public void Complete()
        {
            EndRun();
            _done = true;
            progress.Set();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void EndRun()
        {
            if (_current.Count == 0)
                return;
            var rows = CollectionsMarshal.AsSpan(_current);
            for (var i = 1; i < rows.Length; i++)
            {
                // In table order, which is nearly always position order: sorted only when not.
                if (rows[i].Position < rows[i - 1].Position)
                {
                    rows.Sort((x, y) => x.Position.CompareTo(y.Position));
                    break;
                }
            }
            var run = new Applicant[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                run[i] = rows[i].Applicant;
                _positions.Add(rows[i].Position);
            }
            Rising &= Runs.Count == 0 || string.CompareOrdinal(Runs[Runs.Count - 1].Case, _currentCase) < 0;
            Runs.Add((_currentCase!, run));
            _current.Clear();
            if ((Runs.Count & 1023) == 0)
                progress.Set();
        }

        private Dictionary<string, List<int>>? _byCase;
        private int[]? _runStart;

        /// <summary>A case's applicants wherever its runs are (a case whose applicants are not together: one added by a later
        /// import), once the read is over.</summary>
        public Applicant[] Of(string caseId)
        {
            if (_byCase is null)
            {
                _byCase = new(StringComparer.Ordinal);
                _runStart = new int[Runs.Count];
                for (int run = 0, start = 0; run < Runs.Count; start += Runs[run].Applicants.Length, run++)
                {
                    _runStart[run] = start;
                    if (!_byCase.TryGetValue(Runs[run].Case, out var runs))
                        _byCase[Runs[run].Case] = runs = [];
                    runs.Add(run);
                }
            }
            if (!_byCase.TryGetValue(caseId, out var found))
                return [];
            if (found.Count == 1)
                return Runs[found[0]].Applicants;
            var gathered = new List<(long Position, Applicant Applicant)>();
            foreach (var run in found)
            {
                var applicants = Runs[run].Applicants;
                for (var i = 0; i < applicants.Length; i++)
                    gathered.Add((_positions[_runStart![run] + i], applicants[i]));
            }
            gathered.Sort((x, y) => x.Position.CompareTo(y.Position));
            return gathered.Select(g => g.Applicant).ToArray();
        }
    }

    /// <summary>The cases meeting their applicants while both are read: each case with its applicants (and their one string
    /// of its id); applicants of cases not read (withdrawn ones: their applicants are read, not looked for) are left out.
    /// Both reads come in rising id order (the store's tables are written so), so <see cref="Run"/> walks the two lists
    /// side by side, without a lookup by id, as far as both have been published, and waits for more; should either turn
    /// out not to rise (a case's applicant added by a later import stands apart from the others), what it walked is
    /// dropped, and once both reads are over each case's applicants are looked up by id instead.</summary>
    private sealed class CaseMerge : IDisposable
    {
        public readonly ManualResetEventSlim Progress = new(false);
        public readonly ApplicantRuns Applicants;
        private readonly Published<(long Position, CaseRow Row)> _cases = new();
        private readonly List<VisaCase> _made = [];
        private volatile bool _casesDone;
        private bool _casesRising = true;
        private int _case;
        private int _run;
        private volatile bool _stop;

        public CaseMerge() => Applicants = new ApplicantRuns(Progress);

        public void Dispose() => Progress.Dispose();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddCase(long position, CaseRow row)
        {
            _casesRising &= _cases.Count == 0 || string.CompareOrdinal(_cases[_cases.Count - 1].Row.Id, row.Id) < 0;
            _cases.Add((position, row));
            if ((_cases.Count & 1023) == 0)
                Progress.Set();
        }

        public void CasesComplete()
        {
            _casesDone = true;
            Progress.Set();
        }

        /// <summary>Has <see cref="Run"/> return at once, where it is (both reads over: <see cref="Result"/> goes on from there).</summary>
        public void Stop()
        {
            _stop = true;
            Progress.Set();
        }

        /// <summary>Meets cases with their runs as both reads go on; returns when both are over and every case has met its
        /// run, or when stopped.</summary>
        public void Run(CancellationToken ct)
        {
            while (!_stop)
            {
                if (Step())
                    continue;
                if (Finished)
                    return;
                Progress.Reset();
                if (Step())
                    continue;
                if (Finished || _stop)
                    return;
                Progress.Wait(ct);
            }
        }

        private bool Finished => _casesDone && Applicants.Done && _case == _cases.Count;

        /// <summary>Meets as many published cases as can be met now; true when it met any.</summary>
        private bool Step()
        {
            // Done flags before counts: a read seen done has published its last row.
            var applicantsDone = Applicants.Done;
            var runs = Applicants.Runs.Count;
            var cases = _cases.Count;
            var from = _case;
            while (_case < cases && !_stop && RunOf(_cases[_case].Row, ref _run, runs, applicantsDone) is { } applicants)
            {
                _made.Add(Case(_cases[_case].Row, applicants));
                _case++;
            }
            return _case > from;
        }

        /// <summary>The applicants of <paramref name="row"/>'s case: its run, looked for from <paramref name="run"/> on among
        /// the first <paramref name="runs"/> (past the runs of cases not read), none when a later case's run stands there,
        /// and null when those runs end before it and more may come (<paramref name="allRuns"/> false).</summary>
        private Applicant[]? RunOf(in CaseRow row, ref int run, int runs, bool allRuns)
        {
            while (run < runs && string.CompareOrdinal(Applicants.Runs[run].Case, row.Id) < 0)
                run++;
            if (run == runs)
                return allRuns ? [] : null;
            return string.Equals(Applicants.Runs[run].Case, row.Id, StringComparison.Ordinal) ? Applicants.Runs[run++].Applicants : [];
        }

        /// <summary>The cases in position order, once both reads are over and <see cref="Run"/> has returned: the cases
        /// the walk did not reach met in two halves at once, each from its first case's run.</summary>
        public VisaCase[] Result()
        {
            var count = _cases.Count;
            var made = new VisaCase[count];
            // Walking side by side holds only when both lists rose all along (checked by each read over all its rows: a run
            // out of order after the last case would not have been walked).
            if (!_casesRising || !Applicants.Rising)
            {
                for (var i = 0; i < count; i++)
                    made[i] = Case(_cases[i].Row, Applicants.Of(_cases[i].Row.Id));
            }
            else
            {
                _made.CopyTo(made);
                var from = _made.Count;
                var half = from + (count - from) / 2;
                Parallel.Invoke(() => Walk(from, half, made), () => Walk(half, count, made));
            }
            if (ByPosition() is not { } order)
                return made;
            var result = new VisaCase[count];
            for (var i = 0; i < count; i++)
                result[i] = made[order[i]];
            return result;
        }

        /// <summary>Cases <paramref name="from"/> to <paramref name="to"/> (exclusive) with their runs, both lists rising.</summary>
        private void Walk(int from, int to, VisaCase[] made)
        {
            if (from >= to)
                return;
            var runs = Applicants.Runs.Count;
            // The first run whose case is not before the first case's.
            int run = 0, past = runs;
            while (run < past)
            {
                var middle = run + (past - run) / 2;
                if (string.CompareOrdinal(Applicants.Runs[middle].Case, _cases[from].Row.Id) < 0)
                    run = middle + 1;
                else
                    past = middle;
            }
            for (var i = from; i < to; i++)
                made[i] = Case(_cases[i].Row, RunOf(_cases[i].Row, ref run, runs, allRuns: true)!);
        }

        /// <summary>The indexes of the cases in position order, or null when they came in it: rows come in table order,
        /// which is nearly always position order, so they are sorted only when not.</summary>
        private int[]? ByPosition()
        {
            var count = _cases.Count;
            var sorted = true;
            for (var i = 1; i < count && sorted; i++)
                sorted = _cases[i].Position >= _cases[i - 1].Position;
            if (sorted)
                return null;
            var order = new int[count];
            var positions = new long[count];
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
                positions[i] = _cases[i].Position;
            }
            Array.Sort(positions, order);
            return order;
        }
    }
}

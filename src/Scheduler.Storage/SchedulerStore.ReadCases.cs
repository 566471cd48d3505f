using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Storage.Read;
using Scheduler.Storage.Sql;
using SQLitePCL;

namespace Scheduler.Storage;

/// <summary>A snapshot's two large reads, the month's cases and their applicants (see <see cref="ReadMonthAsync"/>).</summary>
public sealed partial class SchedulerStore
{
    // A case seated by another month's live batch is not offered again.
    private const string NotSeated = """
        NOT EXISTS (SELECT 1 FROM appointments a JOIN batches b ON b.id = a.batch_id
                    WHERE a.case_id = {0} AND b.status = 'committed' AND b.month <> @Month)
        """;

    /// <summary>The month's cases with their applicants. The two largest reads of a snapshot (a national month: 250,000
    /// cases, 450,000 applicants) are read column by column (SnapshotRows) rather than through Dapper's per-value boxing
    /// and type handlers, in table order (sorted here) rather than in index order (a random table lookup per row), and
    /// at once: the applicants on a second connection that shares the snapshot (<see cref="OpenTwinAsync"/>), the cases
    /// on this one. Making their objects is most of a read's time, and it then takes both cores instead of one.</summary>
    private async Task<IReadOnlyList<VisaCase>> ReadCasesAsync(DbConnection connection, DbTransaction transaction, YearMonth month, CancellationToken ct)
    {
        var twin = await OpenTwinAsync(connection, transaction, ct);
        if (twin is null)
        {
            var applicants = await ReadApplicantsAsync(connection, transaction, month, ct);
            return Join(await ReadCaseRowsAsync(connection, transaction, month, ct), applicants);
        }
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadApplicantsAsync(twin.Value.Connection, twin.Value.Transaction, month, failed.Token), CancellationToken.None);
        try
        {
            var rows = await ReadCaseRowsAsync(connection, transaction, month, failed.Token);
            return Join(rows, await reading);
        }
        finally
        {
            // The twin connection is closed only once its read has stopped (at once, on a failure here). Its own failure is
            // thrown by the await in the try; after a failure of this connection's read, it would only hide that one.
            await failed.CancelAsync();
            await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await twin.Value.Transaction.DisposeAsync();
            await twin.Value.Connection.DisposeAsync();
        }
    }

    /// <summary>A second connection inside a transaction that sees exactly <paramref name="transaction"/>'s snapshot, or
    /// null when none can be had (the read then goes on one connection): on PostgreSQL one that imports the snapshot's
    /// export; on SQLite one that opens the snapshot's WAL position (<c>sqlite3_snapshot_open</c>), which a connection
    /// opened after a commit would not see otherwise.</summary>
    private async Task<(DbConnection Connection, DbTransaction Transaction)?> OpenTwinAsync(DbConnection connection, DbTransaction transaction,
        CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            // The snapshot's read transaction is open: its first query (the month's settings) started it. SQLite names a
            // snapshot only while its write-ahead log holds a commit (a batch's own ledger row, before it reads), which
            // the last connection to close folds into the file.
            if (raw.sqlite3_snapshot_get(sqlite.Handle, "main", out var snapshot) != raw.SQLITE_OK)
                return null;
            using (snapshot)
            {
                if (BeforeSnapshotTwin is { } hook)
                    await hook();
                var twin = (SqliteConnection)await OpenConnectionAsync(ct);
                try
                {
                    // A connection finds the database in WAL mode (and can open a snapshot) at its first read.
                    await twin.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM sqlite_schema", cancellationToken: ct));
                    var twinTransaction = twin.BeginTransaction(deferred: true);
                    if (raw.sqlite3_snapshot_open(twin.Handle, "main", snapshot) == raw.SQLITE_OK)
                        return (twin, twinTransaction);
                    await twinTransaction.DisposeAsync();
                }
                catch
                {
                    await twin.DisposeAsync();
                    throw;
                }
                await twin.DisposeAsync();
                return null;
            }
        }
        var exported = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT pg_export_snapshot()", transaction: transaction,
            cancellationToken: ct));
        // The server's own identifier (hex digits and dashes), checked as such: SET TRANSACTION SNAPSHOT takes a literal, not a parameter.
        if (exported is null || !exported.All(c => char.IsAsciiHexDigit(c) || c == '-'))
            return null;
        if (BeforeSnapshotTwin is { } pgHook)
            await pgHook();
        var other = await OpenConnectionAsync(ct);
        try
        {
            var otherTransaction = await other.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await other.ExecuteAsync(new CommandDefinition($"SET TRANSACTION SNAPSHOT '{exported}'; {SnapshotSettings}",
                transaction: otherTransaction, cancellationToken: ct));
            return (other, otherTransaction);
        }
        catch
        {
            await other.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applicants in read order, in runs: in table order a case's applicants stand together (they are imported
    /// together), so a read makes each run's array as it ends (its applicants by position) and keeps one entry per run
    /// (its case's id), no list per case and no list of every applicant to copy from.</summary>
    private sealed class ApplicantRuns
    {
        public readonly List<string> RunCase = [];
        private readonly List<Applicant[]> _runs = [];
        // Each run's positions, in its array's order, one after another: only a case whose applicants stand in two runs needs them.
        private readonly List<long> _positions = [];
        private readonly List<int> _runStart = [];
        private readonly List<(long Position, Applicant Applicant)> _current = [];

        /// <summary>True when the runs' case ids rise strictly (ordinal), as the store writes them: then each case has one
        /// run and the cases, read in the same order, meet theirs by walking both lists.</summary>
        public bool Rising = true;

        private Dictionary<string, List<int>>? _byCase;

        public int Count => RunCase.Count;

        public void Add(string caseId, Applicant applicant, long position)
        {
            if (RunCase.Count == 0 || !ReferenceEquals(RunCase[^1], caseId))
            {
                EndRun();
                Rising &= RunCase.Count == 0 || string.CompareOrdinal(RunCase[^1], caseId) < 0;
                RunCase.Add(caseId);
            }
            _current.Add((position, applicant));
        }

        /// <summary>Ends the last run: called once the read is over.</summary>
        public void Complete() => EndRun();

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
            _runStart.Add(_positions.Count);
            for (var i = 0; i < rows.Length; i++)
            {
                run[i] = rows[i].Applicant;
                _positions.Add(rows[i].Position);
            }
            _runs.Add(run);
            _current.Clear();
        }

        /// <summary>The applicants of run <paramref name="run"/>, by position.</summary>
        public Applicant[] OfRun(int run) => _runs[run];

        /// <summary>A case's applicants wherever its runs are (a case whose applicants are not together: one added by a later import).</summary>
        public Applicant[] Of(string caseId)
        {
            if (_byCase is null)
            {
                _byCase = new(StringComparer.Ordinal);
                for (var run = 0; run < RunCase.Count; run++)
                {
                    if (!_byCase.TryGetValue(RunCase[run], out var runs))
                        _byCase[RunCase[run]] = runs = [];
                    runs.Add(run);
                }
            }
            if (!_byCase.TryGetValue(caseId, out var found))
                return [];
            if (found.Count == 1)
                return OfRun(found[0]);
            var gathered = new List<(long Position, Applicant Applicant)>();
            foreach (var run in found)
            {
                for (var i = 0; i < _runs[run].Length; i++)
                    gathered.Add((_positions[_runStart[run] + i], _runs[run][i]));
            }
            gathered.Sort((x, y) => x.Position.CompareTo(y.Position));
            return gathered.Select(g => g.Applicant).ToArray();
        }
    }

    private static async Task<ApplicantRuns> ReadApplicantsAsync(DbConnection connection, DbTransaction transaction, YearMonth month, CancellationToken ct)
    {
        var result = new ApplicantRuns();
        string? current = null;
        await using var rows = await SnapshotRows.OpenAsync(connection, transaction, $"""
            SELECT ap.id, ap.case_id, ap.position, ap.role, ap.birth_date, ap.traveling, ap.docs_expire
            FROM applicants ap
            WHERE {string.Format(CultureInfo.InvariantCulture, NotSeated, "ap.case_id")}
            """, month, ct);
        while (await rows.ReadAsync(ct))
        {
            var caseId = rows.TextOr(1, current); // one string per case id, not one per applicant
            current = caseId;
            result.Add(caseId, new Applicant
            {
                Id = rows.Text(0), CaseId = caseId, Role = Codes.ParseRole(rows.Code(3)), BirthDate = rows.DateOrNull(4),
                Traveling = rows.Boolean(5), DocumentsExpire = rows.DateOrNull(6),
            }, rows.Int64(2));
        }
        result.Complete();
        return result;
    }

    /// <summary>A case as read, before its applicants join it.</summary>
    private readonly record struct CaseRow(string Id, VisaCategory Category, string VisaClass, LocalDate PriorityDate, string Chargeability,
        LocalDate? DocumentarilyQualified, string? Post, string? Residence, string? Nationality, string Language, SystemSource SystemSource,
        bool Expedite, LocalDate? InterviewBy);

    /// <summary>The cases as read, and whether their ids rise strictly (ordinal), as the store writes them.</summary>
    private sealed record CaseRows(List<(long Position, CaseRow Row)> Rows, bool Rising);

    private static async Task<CaseRows> ReadCaseRowsAsync(DbConnection connection, DbTransaction transaction, YearMonth month, CancellationToken ct)
    {
        var cases = new List<(long Position, CaseRow Row)>();
        var rising = true;
        string? previous = null;
        await using var rows = await SnapshotRows.OpenAsync(connection, transaction, $"""
            SELECT c.id, c.position, c.category, c.visa_class, c.priority_date, c.chargeability, c.dq_date, c.post, c.residence,
                c.nationality, c.language, c.system_source, c.expedite, c.interview_by
            FROM cases c
            WHERE c.withdrawn IS NULL AND {string.Format(CultureInfo.InvariantCulture, NotSeated, "c.id")}
            """, month, ct);
        while (await rows.ReadAsync(ct))
        {
            var id = rows.Text(0);
            rising &= previous is null || string.CompareOrdinal(previous, id) < 0;
            previous = id;
            cases.Add((rows.Int64(1), new CaseRow(id, Codes.ParseCategory(rows.Code(2)), rows.Code(3), rows.Date(4), rows.Code(5),
                rows.DateOrNull(6), rows.CodeOrNull(7), rows.CodeOrNull(8), rows.CodeOrNull(9), rows.Code(10),
                Codes.ParseSystemSource(rows.Code(11)), rows.Boolean(12), rows.DateOrNull(13))));
        }
        return new CaseRows(cases, rising);
    }

    /// <summary>The cases in position order, each with its applicants (and their one string of its id); applicants of cases
    /// not read (withdrawn ones: their applicants are read, not looked for) are left out. When both reads
    /// came in rising id order (the store's tables are written so) each case meets its applicants' run by walking both
    /// lists side by side, without a lookup by id; otherwise by id.</summary>
    private static List<VisaCase> Join(CaseRows read, ApplicantRuns applicants)
    {
        var rows = read.Rows;
        var made = new VisaCase[rows.Count];
        if (read.Rising && applicants.Rising)
        {
            // Two halves at once, each walking from its first case's run.
            var half = rows.Count / 2;
            Parallel.Invoke(() => Merge(rows, 0, half, applicants, made), () => Merge(rows, half, rows.Count, applicants, made));
        }
        else
        {
            var span = CollectionsMarshal.AsSpan(rows);
            for (var i = 0; i < span.Length; i++)
                made[i] = Case(span[i].Row, applicants.Of(span[i].Row.Id));
        }
        var result = new List<VisaCase>(rows.Count);
        foreach (var index in ByPosition(CollectionsMarshal.AsSpan(rows)))
            result.Add(made[index]);
        return result;
    }

    /// <summary>Cases <paramref name="from"/> to <paramref name="to"/> (exclusive) with their runs, both lists in rising id order.</summary>
    private static void Merge(List<(long Position, CaseRow Row)> cases, int from, int to, ApplicantRuns applicants, VisaCase[] made)
    {
        if (from >= to)
            return;
        var rows = CollectionsMarshal.AsSpan(cases);
        var run = applicants.RunCase.BinarySearch(rows[from].Row.Id, StringComparer.Ordinal);
        if (run < 0)
            run = ~run;
        for (var i = from; i < to; i++)
        {
            ref readonly var row = ref rows[i].Row;
            while (run < applicants.Count && string.CompareOrdinal(applicants.RunCase[run], row.Id) < 0)
                run++;
            made[i] = Case(row, run < applicants.Count && string.Equals(applicants.RunCase[run], row.Id, StringComparison.Ordinal) ? applicants.OfRun(run) : []);
        }
    }

    private static VisaCase Case(in CaseRow row, Applicant[] applicants) => new()
    {
        Id = applicants.Length > 0 ? applicants[0].CaseId : row.Id, Category = row.Category, VisaClass = row.VisaClass, PriorityDate = row.PriorityDate,
        Chargeability = row.Chargeability, DocumentarilyQualified = row.DocumentarilyQualified, Post = PostCode.OrNull(row.Post),
        Residence = row.Residence, Nationality = row.Nationality, Language = row.Language, SystemSource = row.SystemSource,
        Expedite = row.Expedite, InterviewBy = row.InterviewBy, Applicants = applicants,
    };

    /// <summary>The indexes of <paramref name="rows"/> in position order: rows come in table order, which is nearly always
    /// it, so they are sorted only when not (by their positions, not as rows: a case's row is a hundred bytes).</summary>
    private static int[] ByPosition(ReadOnlySpan<(long Position, CaseRow Row)> rows)
    {
        var order = new int[rows.Length];
        var sorted = true;
        for (var i = 0; i < rows.Length; i++)
        {
            order[i] = i;
            sorted &= i == 0 || rows[i].Position >= rows[i - 1].Position;
        }
        if (!sorted)
        {
            var positions = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++)
                positions[i] = rows[i].Position;
            Array.Sort(positions, order);
        }
        return order;
    }
}

using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
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
        using var hold = CollectorHold.Begin();
        using var merge = new CaseMerge();
        var twin = await OpenTwinAsync(connection, transaction, ct);
        if (twin is null)
        {
            await ReadApplicantsAsync(connection, transaction, month, merge, ct);
            await ReadCaseRowsAsync(connection, transaction, month, merge, ct);
            merge.Run(ct);
            return merge.Result();
        }
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadApplicantsAsync(twin.Value.Connection, twin.Value.Transaction, month, merge, failed.Token), CancellationToken.None);
        Task? merging = null;
        try
        {
            var cases = ReadCaseRowsAsync(connection, transaction, month, merge, failed.Token);
            // The cases meet their applicants as soon as one of the reads is over, on a thread of their own, while the other
            // read goes on (from the start, on two cores, they only slowed both reads by as much).
            await Task.WhenAny(cases, reading);
            merging = Task.Run(() => merge.Run(failed.Token), CancellationToken.None);
            await cases;
            await reading;
            // Both over: what the walk has not reached yet is met on both threads at once.
            merge.Stop();
            await merging;
            return merge.Result();
        }
        finally
        {
            // The twin connection is closed only once its read has stopped (at once, on a failure here). Its own failure is
            // thrown by the await in the try; after a failure of this connection's read, it would only hide that one.
            await failed.CancelAsync();
            merge.Progress.Set();
            await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (merging is not null)
                await merging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

    private static async Task ReadApplicantsAsync(DbConnection connection, DbTransaction transaction, YearMonth month, CaseMerge merge, CancellationToken ct)
    {
        var result = merge.Applicants;
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
    }

    /// <summary>A case as read, before its applicants join it.</summary>
    private readonly record struct CaseRow(string Id, VisaCategory Category, string VisaClass, LocalDate PriorityDate, string Chargeability,
        LocalDate? DocumentarilyQualified, string? Post, string? Residence, string? Nationality, string Language, SystemSource SystemSource,
        bool Expedite, LocalDate? InterviewBy);

    private static async Task ReadCaseRowsAsync(DbConnection connection, DbTransaction transaction, YearMonth month, CaseMerge merge, CancellationToken ct)
    {
        await using (var rows = await SnapshotRows.OpenAsync(connection, transaction, $"""
            SELECT c.id, c.position, c.category, c.visa_class, c.priority_date, c.chargeability, c.dq_date, c.post, c.residence,
                c.nationality, c.language, c.system_source, c.expedite, c.interview_by
            FROM cases c
            WHERE c.withdrawn IS NULL AND {string.Format(CultureInfo.InvariantCulture, NotSeated, "c.id")}
            """, month, ct))
        {
            while (await rows.ReadAsync(ct))
            {
                merge.AddCase(rows.Int64(1), new CaseRow(rows.Text(0), Codes.ParseCategory(rows.Code(2)), rows.Code(3), rows.Date(4), rows.Code(5),
                    rows.DateOrNull(6), rows.CodeOrNull(7), rows.CodeOrNull(8), rows.CodeOrNull(9), rows.Code(10),
                    Codes.ParseSystemSource(rows.Code(11)), rows.Boolean(12), rows.DateOrNull(13)));
            }
        }
        merge.CasesComplete();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static VisaCase Case(in CaseRow row, Applicant[] applicants) => new()
    {
        Id = applicants.Length > 0 ? applicants[0].CaseId : row.Id, Category = row.Category, VisaClass = row.VisaClass, PriorityDate = row.PriorityDate,
        Chargeability = row.Chargeability, DocumentarilyQualified = row.DocumentarilyQualified, Post = PostCode.OrNull(row.Post),
        Residence = row.Residence, Nationality = row.Nationality, Language = row.Language, SystemSource = row.SystemSource,
        Expedite = row.Expedite, InterviewBy = row.InterviewBy, Applicants = applicants,
    };
}

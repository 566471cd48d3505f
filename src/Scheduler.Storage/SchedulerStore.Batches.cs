using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Scheduling;
using Scheduler.Storage.Api;
using Scheduler.Storage.Import;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    private const string BatchColumns = """
        id AS Id, month AS Month, status AS Status, as_of AS AsOf, seed AS Seed, solver AS Solver, engine_version AS EngineVersion,
        input_hash AS InputHash, started AS Started, ended AS Ended, scheduled_cases AS ScheduledCases,
        scheduled_applicants AS ScheduledApplicants, capacity AS Capacity, fifo_inversions AS FifoInversions,
        solver_status AS SolverStatus, gap AS Gap, plan_ms AS PlanMs, message AS Message, superseded_by AS SupersededBy
        """;

    private static readonly BulkColumn[] AppointmentColumns =
    [
        new("batch_id", NpgsqlDbType.Bigint), new("ordinal", NpgsqlDbType.Integer), new("case_id", NpgsqlDbType.Text), new("post", NpgsqlDbType.Text),
        new("date", NpgsqlDbType.Date), new("start", NpgsqlDbType.Time), new("applicants", NpgsqlDbType.Integer),
    ];

    private static readonly BulkColumn[] AllocationColumns =
    [
        new("batch_id", NpgsqlDbType.Bigint), new("ordinal", NpgsqlDbType.Integer), new("applicant_id", NpgsqlDbType.Text), new("case_id", NpgsqlDbType.Text),
        new("category", NpgsqlDbType.Text), new("chargeability", NpgsqlDbType.Text), new("live", NpgsqlDbType.Boolean),
    ];

    private static readonly BulkColumn[] UnscheduledJsonColumns =
    [
        new("batch_id", NpgsqlDbType.Bigint), new("post", NpgsqlDbType.Text), new("items", NpgsqlDbType.Text),
    ];

    /// <summary>A post's unscheduled cases as SQLite keeps them: <c>[[ordinal, "case_id", "reason"], ...]</c>.</summary>
    private static Utf8Text UnscheduledJson(IEnumerable<(UnscheduledCase Case, int Ordinal)> cases)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (u, ordinal) in cases)
            {
                json.WriteStartArray();
                json.WriteNumberValue(ordinal);
                json.WriteStringValue(u.CaseId.Value);
                json.WriteStringValue(u.Reason.Code());
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return new Utf8Text(buffer.WrittenSpan.ToArray());
    }

    private static readonly BulkColumn[] UnscheduledListColumns =
    [
        new("batch_id", NpgsqlDbType.Bigint), new("post", NpgsqlDbType.Text), new("ordinals", NpgsqlDbType.Array | NpgsqlDbType.Integer),
        new("case_ids", NpgsqlDbType.Array | NpgsqlDbType.Text), new("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text),
    ];

    private static readonly BulkColumn[] SearchColumns =
    [
        new("batch_id", NpgsqlDbType.Bigint), new("fingerprint", NpgsqlDbType.Text), new("answer", NpgsqlDbType.Bytea),
    ];

    /// <summary>Takes the month for a new batch, or returns null when another batch (in any process) holds it. With the month
    /// held, marks the month's 'running' rows 'abandoned' (their process died) and records this batch as 'running' at once.
    /// Whether the month already has a committed batch is the caller's to check (<see cref="ReadCommittedBatchAsync"/>):
    /// without <see cref="BatchRequest.Force"/>, <see cref="CommitBatchAsync"/> refuses to commit over it.</summary>
    public async Task<BatchLease?> TryBeginBatchAsync(BatchRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        NpgsqlConnection? leaseConnection = null;
        NpgsqlTransaction? leaseTransaction = null;
        FileStream? lockFile = null;
        try
        {
            if (_postgres is not null)
            {
                leaseConnection = await _postgres.OpenConnectionAsync(ct);
                leaseTransaction = await leaseConnection.BeginTransactionAsync(ct);
                var taken = await leaseConnection.ExecuteScalarAsync<bool>(new CommandDefinition("""
                    SELECT pg_try_advisory_xact_lock(@LockClass, @Key)
                    """, new { LockClass, Key = MonthKey(request.Month) }, leaseTransaction, cancellationToken: ct));
                if (!taken)
                {
                    await leaseTransaction.DisposeAsync();
                    await leaseConnection.DisposeAsync();
                    return null;
                }
            }
            else
            {
                lockFile = TryLockMonthFile(request.Month);
                if (lockFile is null)
                    return null;
            }

            var now = Now;
            long id;
            await using (var connection = await OpenConnectionAsync(ct))
            await using (var transaction = await BeginWriteAsync(connection, ct))
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    DELETE FROM batch_input_files WHERE batch_id IN (SELECT id FROM batches WHERE month = @Month AND status = 'running');
                    UPDATE batches SET status = 'abandoned', ended = @Now, message = @Message
                    WHERE month = @Month AND status = 'running'
                    """, new { Now = now, Month = request.Month, Message = "the process running it ended without committing" },
                    transaction, cancellationToken: ct));
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO batches (month, fiscal_year, status, as_of, seed, solver, workers, force, engine_version, started, host, pid)
                    VALUES (@Month, @FiscalYear, 'running', @AsOf, @Seed, @Solver, @Workers, @Force, @EngineVersion, @Started, @Host, @Pid)
                    RETURNING id
                    """, new
                {
                    request.Month, FiscalYear = FiscalCalendar.FiscalYear(request.Month), request.AsOf, request.Seed, request.Solver,
                    request.Workers, request.Force, request.EngineVersion, Started = now, Host = Environment.MachineName, Pid = Environment.ProcessId,
                }, transaction, cancellationToken: ct));
                await transaction.CommitAsync(ct);
            }
            return new BatchLease(id, request, leaseConnection, leaseTransaction, lockFile);
        }
        catch
        {
            if (leaseTransaction is not null)
                await leaseTransaction.DisposeAsync();
            if (leaseConnection is not null)
                await leaseConnection.DisposeAsync();
            if (lockFile is not null)
                await lockFile.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory-lock key of a month (PostgreSQL).</summary>
    private static int MonthKey(YearMonth month) => month.Year * 100 + month.Month;

    /// <summary>The sidecar lock file of a month next to the SQLite database.</summary>
    internal string MonthLockPath(YearMonth month) => $"{_sqliteFile}.month-{SqlText.Month(month)}.lock";

    private FileStream? TryLockMonthFile(YearMonth month)
    {
        try
        {
            // FileShare.None is an exclusive flock on Linux: released by the kernel when the process dies.
            return new FileStream(MonthLockPath(month), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException and not FileNotFoundException and not PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>Starts writing the batch's input files (<see cref="BatchOutcome.InputFiles"/>, a national month's are
    /// megabytes) while the batch plans, so that the commit need not (the table batch_input_files). On PostgreSQL inside the lease's own
    /// transaction, under a savepoint: they commit with the batch, go with an end that does not commit (rolled back to the
    /// savepoint), and with a killed process's transaction. On SQLite in a short write transaction of its own, on another
    /// connection (one held through the plan would hold every other writer, the posts' uploads, as long): a row that does not
    /// commit loses them again, at its end (<see cref="EndBatchAsync"/>) or, when its process died, when the next batch of
    /// the month marks it abandoned, and a write that failed leaves them to the commit. Either way only a 'running' row is
    /// written. Returns once the write has started; <see cref="CommitBatchAsync"/> and <see cref="EndBatchAsync"/> wait for it.</summary>
    public async Task StageInputFilesAsync(BatchLease lease, byte[] files, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(files);
        lease.ThrowIfFinished();
        if (lease.StagedInputFiles is not null)
            return;
        if (lease.Transaction is not { } transaction)
        {
            // Not cancelled: a stop waits for this write (well under a second) and then clears it.
            lease.StagedInputFiles = (files, Task.Run(() => WriteInputFilesAsync(lease.BatchId, files), CancellationToken.None));
            return;
        }
        await transaction.SaveAsync("input_files", ct);
        // Not cancelled: a stop waits for this write (well under a second) and then rolls it back.
        lease.StagedInputFiles = (files, lease.Connection!.ExecuteAsync(new CommandDefinition(InputFilesSql,
            new { Files = files, Id = lease.BatchId }, transaction, cancellationToken: CancellationToken.None)));
    }

    /// <summary>A batch's input files, written only for a 'running' batch; a second write replaces the first.</summary>
    private const string InputFilesSql = """
        INSERT INTO batch_input_files (batch_id, files)
        SELECT id, @Files FROM batches WHERE id = @Id AND status = 'running'
        ON CONFLICT (batch_id) DO UPDATE SET files = excluded.files
        """;

    private async Task WriteInputFilesAsync(long batchId, byte[] files)
    {
        await using var connection = await OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await BeginWriteAsync(connection, CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(InputFilesSql, new { Files = files, Id = batchId }, transaction));
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Commits the batch in ONE transaction (PostgreSQL: the lease's own; SQLite: <c>BEGIN IMMEDIATE</c>): with
    /// <see cref="BatchRequest.Force"/>, the month's committed batch becomes 'superseded' and its numbers stop being live; the
    /// appointments, allocations and unscheduled cases are inserted in bulk; the batch becomes 'committed' with its figures and
    /// files. Throws <see cref="InvalidOperationException"/> (and changes nothing) when the month has a committed batch and the
    /// request is not forced, or when an applicant already holds a live number.</summary>
    public async Task CommitBatchAsync(BatchLease lease, BatchOutcome outcome, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        lease.ThrowIfFinished();
        if (lease.Transaction is { } leaseTransaction)
        {
            // Inside the lease's transaction: committing it also releases the month. A savepoint keeps the lease on failure.
            if (lease.StagedInputFiles is { } staged)
                await staged.Write;
            await leaseTransaction.SaveAsync("commit_batch", ct);
            try
            {
                await WriteCommitAsync(lease.Connection!, leaseTransaction, lease, outcome, ct);
            }
            catch
            {
                await leaseTransaction.RollbackAsync("commit_batch", CancellationToken.None);
                throw;
            }
            if (BeforeBatchCommit is { } hook)
                await hook();
            await leaseTransaction.CommitAsync(ct);
            lease.Finished = true;
            await lease.DisposeAsync();
            return;
        }

        // A staged write that failed leaves the files to this commit (WriteCommitAsync looks at how it ended).
        if (lease.StagedInputFiles is { } written)
            await written.Write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        await WriteCommitAsync(connection, transaction, lease, outcome, ct);
        if (BeforeBatchCommit is { } sqliteHook)
            await sqliteHook();
        await transaction.CommitAsync(ct);
        lease.Finished = true;
        // Committed: release the month's lock file now, as the PostgreSQL lease is released by its commit.
        await lease.DisposeAsync();
    }

    private async Task WriteCommitAsync(DbConnection connection, DbTransaction transaction, BatchLease lease, BatchOutcome outcome, CancellationToken ct)
    {
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT status FROM batches WHERE id = @Id
            """, new { Id = lease.BatchId }, transaction, cancellationToken: ct));
        if (status != "running")
            throw new InvalidOperationException($"batch {lease.BatchId} is {status ?? "missing"}, not running: it cannot commit");

        var live = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM batches WHERE month = @Month AND status = 'committed'
            """, new { lease.Request.Month }, transaction, cancellationToken: ct));
        if (live is { } old)
        {
            if (!lease.Request.Force)
                throw new InvalidOperationException(
                    $"{SqlText.Month(lease.Request.Month)} already has committed batch {old.ToString(CultureInfo.InvariantCulture)}; force the run to supersede it");
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE batches SET status = 'superseded', superseded_by = @NewId WHERE id = @OldId;
                UPDATE allocations SET live = @NotLive WHERE batch_id = @OldId AND live;
                """, new { NewId = lease.BatchId, OldId = old, NotLive = false }, transaction, cancellationToken: ct));
        }

        var id = lease.BatchId;
        var schedule = outcome.Schedule;
        await BulkInsert.RunAsync(connection, transaction, "appointments", AppointmentColumns, schedule.Appointments.Select((a, i) => new object?[]
        {
            id, i, a.CaseId.Value, a.Post.Value, a.Date, a.Start, a.Applicants,
        }), ct);
        try
        {
            await BulkInsert.RunAsync(connection, transaction, "allocations", AllocationColumns, schedule.Allocations.Select((a, i) => new object?[]
            {
                id, i, a.ApplicantId, a.CaseId.Value, a.Category.ToString(), a.Chargeability.Code, true,
            }), ct);
        }
        catch (DbException e) when (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || e.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"batch {id} allocates a number to an applicant who already holds one in a live batch", e);
        }
        // One row per post (the view "unscheduled" gives them back one case a row): three arrays on PostgreSQL,
        // a JSON array of [ordinal, case_id, reason] on SQLite (see each database's migration 0004).
        var byPost = schedule.Unscheduled.Select((u, i) => (Case: u, Ordinal: i)).GroupBy(u => u.Case.Post?.Value, StringComparer.Ordinal);
        if (Kind == DatabaseKind.PostgreSql)
        {
            await BulkInsert.RunAsync(connection, transaction, "unscheduled_lists", UnscheduledListColumns, byPost.Select(post => new object?[]
            {
                id, post.Key, post.Select(u => u.Ordinal).ToArray(), post.Select(u => u.Case.CaseId.Value).ToArray(),
                post.Select(u => u.Case.Reason.Code()).ToArray(),
            }), ct);
        }
        else
        {
            await BulkInsert.RunAsync(connection, transaction, "unscheduled_lists", UnscheduledJsonColumns,
                byPost.Select(post => new object?[] { id, post.Key, UnscheduledJson(post) }), ct);
        }

        if (outcome.Searches is { Count: > 0 } searches)
            await BulkInsert.RunAsync(connection, transaction, "batch_searches", SearchColumns,
                searches.DistinctBy(k => k.Fingerprint, StringComparer.Ordinal).Select(k => new object?[] { id, k.Fingerprint, k.Answer }), ct);

        if (outcome.Profiles is { } planned)
            await PinProfilesAsync(connection, transaction, lease, planned, ct);

        var figures = outcome.Figures;
        // Input files staged while the batch planned (and written: the commit waits for them first) are in already.
        var staged = lease.StagedInputFiles is { } inputs && ReferenceEquals(inputs.Files, outcome.InputFiles) && inputs.Write.IsCompletedSuccessfully;
        if (!staged)
            await connection.ExecuteAsync(new CommandDefinition(InputFilesSql, new { Files = outcome.InputFiles, Id = id }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE batches SET status = 'committed', ended = @Ended, input_hash = @InputHash, scheduled_cases = @ScheduledCases,
                scheduled_applicants = @ScheduledApplicants, capacity = @Capacity, fifo_inversions = @FifoInversions,
                solver_status = @SolverStatus, gap = @Gap, plan_ms = @PlanMs,
                summary_json = @SummaryJson, numbers_csv = @NumbersCsv
            WHERE id = @Id
            """, new
        {
            Id = id, Ended = Now, outcome.InputHash, figures.ScheduledCases, figures.ScheduledApplicants, figures.Capacity, figures.FifoInversions,
            figures.SolverStatus, figures.Gap, figures.PlanMs, outcome.SummaryJson, outcome.NumbersCsv,
        }, transaction, cancellationToken: ct));
    }

    /// <summary>Makes the profiles the batch planned with the month's own latest uploads, so that a committed month keeps them
    /// (its profiles are frozen): a profile carried over from an earlier month gets a version of its own for the month, which a
    /// later upload to that earlier month no longer reaches; an upload that landed after the batch's snapshot is followed by the
    /// profile the batch used (it stays in the history). Each such version is the batch's ("batch 12") in the audit log.</summary>
    private async Task PinProfilesAsync(DbConnection connection, DbTransaction transaction, BatchLease lease, IReadOnlyList<Core.Posts.Post> planned,
        CancellationToken ct)
    {
        var month = lease.Request.Month;
        var used = planned.ToDictionary(p => p.Code);
        var actor = $"batch {lease.BatchId.ToString(CultureInfo.InvariantCulture)}";
        var now = Now;
        foreach (var current in await ResolvePostsAsync(connection, transaction, month, null, ct))
        {
            if (!used.TryGetValue(current.Post.Code, out var post))
                continue; // a post added after the batch's snapshot: the batch did not plan it
            var pinned = current.Post with
            {
                Weekend = post.Weekend, MinNoticeDays = post.MinNoticeDays, Sessions = post.Sessions, Days = post.Days, Closed = post.Closed, Mix = post.Mix,
            };
            if (current.FromMonth == month && ProfileRows.Of(pinned).Fingerprint == ProfileRows.Of(current.Post).Fingerprint)
                continue;
            var version = current.FromMonth == month ? current.Version!.Value + 1 : 1;
            await InsertProfileAsync(connection, transaction, pinned, month, version, actor, now, ct);
            await InsertAuditAsync(connection, transaction, now, actor, "profile.pin", ProfileTarget(current.Post.Code, month),
                ProfileJson.Of(current.Post), ProfileJson.Of(pinned), ct);
        }
    }

    /// <summary>Ends a batch that will not commit (<see cref="BatchStatus.Failed"/>, <see cref="BatchStatus.Stopped"/> or
    /// <see cref="BatchStatus.Refused"/>) with its message, and releases the month: nothing of the batch remains but its ledger row.</summary>
    public async Task EndBatchAsync(BatchLease lease, BatchStatus status, string message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (status is not (BatchStatus.Failed or BatchStatus.Stopped or BatchStatus.Refused))
            throw new ArgumentOutOfRangeException(nameof(status), status, "a batch ends failed, stopped or refused");
        lease.ThrowIfFinished();
        const string Sql = """
            UPDATE batches SET status = @Status, ended = @Ended, message = @Message WHERE id = @Id AND status = 'running';
            DELETE FROM batch_input_files WHERE batch_id = @Id AND NOT EXISTS (SELECT 1 FROM batches WHERE id = @Id AND status = 'committed');
            """;
        var parameters = new { Status = status.Code(), Ended = Now, Message = message, Id = lease.BatchId };
        if (lease.Transaction is { } leaseTransaction)
        {
            if (lease.StagedInputFiles is { } staged)
            {
                // The batch does not commit: neither do its input files. Whether their write succeeded does not matter (a
                // failed one left the transaction aborted): the rollback to its savepoint undoes it either way.
                await staged.Write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await leaseTransaction.RollbackAsync("input_files", CancellationToken.None);
            }
            await lease.Connection!.ExecuteAsync(new CommandDefinition(Sql, parameters, leaseTransaction, cancellationToken: ct));
            await leaseTransaction.CommitAsync(ct);
        }
        else
        {
            // Input files staged in a transaction of their own are deleted with the update (whether their write succeeded does not matter).
            if (lease.StagedInputFiles is { } staged)
                await staged.Write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await using var connection = await OpenConnectionAsync(ct);
            await using var transaction = await BeginWriteAsync(connection, ct);
            await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
        }
        await lease.DisposeAsync();
    }
}

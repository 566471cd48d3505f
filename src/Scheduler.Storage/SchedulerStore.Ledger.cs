using Dapper;
using NodaTime;
using Scheduler.Core.Scheduling;
using Scheduler.Storage.Read;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

// Reading the ledger: batches, a month's committed schedule, the CP-SAT answers a batch kept.
public sealed partial class SchedulerStore
{
    /// <summary>The ledger, oldest first: every batch, or those of <paramref name="month"/>.</summary>
    public async Task<IReadOnlyList<BatchRecord>> ListBatchesAsync(YearMonth? month = null, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        var rows = month is { } m
            ? await connection.QueryAsync<BatchRow>(new CommandDefinition($"""
                SELECT {BatchColumns} FROM batches WHERE month = @Month ORDER BY id
                """, new { Month = m }, cancellationToken: ct))
            : await connection.QueryAsync<BatchRow>(new CommandDefinition($"""
                SELECT {BatchColumns} FROM batches ORDER BY id
                """, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>One ledger row, or null when there is no batch <paramref name="id"/>.</summary>
    public async Task<BatchRecord?> GetBatchAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<BatchRow>(new CommandDefinition($"""
            SELECT {BatchColumns} FROM batches WHERE id = @Id
            """, new { Id = id }, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>The month's live (committed) batch with its schedule and files, read from one snapshot; null when there is none.</summary>
    public async Task<CommittedBatch?> ReadCommittedBatchAsync(YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginSnapshotAsync(connection, ct);
        var row = await connection.QuerySingleOrDefaultAsync<BatchRow>(new CommandDefinition($"""
            SELECT {BatchColumns}, (SELECT f.files FROM batch_input_files f WHERE f.batch_id = batches.id) AS InputFiles,
                summary_json AS SummaryJson, numbers_csv AS NumbersCsv
            FROM batches WHERE month = @Month AND status = 'committed'
            """, new { Month = month }, transaction, cancellationToken: ct));
        if (row is null)
            return null;
        var parameters = new { row.Id };
        var appointments = await connection.QueryAsync<AppointmentRow>(new CommandDefinition("""
            SELECT case_id AS CaseId, post AS Post, date AS Date, start AS Start, applicants AS Applicants
            FROM appointments WHERE batch_id = @Id ORDER BY ordinal
            """, parameters, transaction, cancellationToken: ct));
        var allocations = await connection.QueryAsync<AllocationRow>(new CommandDefinition("""
            SELECT applicant_id AS ApplicantId, case_id AS CaseId, category AS Category, chargeability AS Chargeability
            FROM allocations WHERE batch_id = @Id ORDER BY ordinal
            """, parameters, transaction, cancellationToken: ct));
        var unscheduled = await connection.QueryAsync<UnscheduledRow>(new CommandDefinition("""
            SELECT case_id AS CaseId, reason AS Reason, post AS Post FROM unscheduled WHERE batch_id = @Id ORDER BY ordinal
            """, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);

        var schedule = new Schedule(
            appointments.Select(a => new Appointment(a.CaseId, a.Post, a.Date, a.Start, (int)a.Applicants)).ToList(),
            allocations.Select(a => new VisaNumberAllocation(a.ApplicantId, a.CaseId, Codes.ParseCategory(a.Category), a.Chargeability)).ToList(),
            unscheduled.Select(u => u.ToCase(row.Id)).ToList());
        return new CommittedBatch(row.ToRecord(), schedule, row.InputFiles ?? [], row.SummaryJson ?? [], row.NumbersCsv);
    }

    /// <summary>The solver's answers kept with the month's live (committed) batch, read from one snapshot; null when the month has
    /// no committed batch. A batch planned without CP-SAT, or committed before batches kept them, has none.</summary>
    public async Task<LiveSearches?> ReadLiveSearchesAsync(YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginSnapshotAsync(connection, ct);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM batches WHERE month = @Month AND status = 'committed'
            """, new { Month = month }, transaction, cancellationToken: ct));
        if (id is null)
            return null;
        var searches = await connection.QueryAsync<(string Fingerprint, byte[] Answer)>(new CommandDefinition("""
            SELECT fingerprint, answer FROM batch_searches WHERE batch_id = @Id ORDER BY fingerprint
            """, new { Id = id }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return new LiveSearches(id.Value, searches.Select(s => new BatchSearch(s.Fingerprint, s.Answer)).ToList());
    }

    /// <summary>How many solver answers batch <paramref name="id"/> kept (<see cref="BatchOutcome.Searches"/>), and their bytes.</summary>
    public async Task<(int Count, long Bytes)> CountBatchSearchesAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<(long Count, long Bytes)>(new CommandDefinition("""
            SELECT COUNT(*), COALESCE(SUM(LENGTH(answer)), 0) FROM batch_searches WHERE batch_id = @Id
            """, new { Id = id }, cancellationToken: ct));
        return (checked((int)row.Count), row.Bytes);
    }
}

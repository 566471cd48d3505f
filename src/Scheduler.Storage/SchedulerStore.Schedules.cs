using Dapper;
using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using Scheduler.Storage.Read;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>Post <paramref name="code"/>'s part of <paramref name="month"/>'s live batch, read from one snapshot: its appointments
    /// and the unscheduled cases the engine assigned to it. Null when the month has no committed batch.</summary>
    public async Task<PostSchedule?> ReadPostScheduleAsync(PostCode code, YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginSnapshotAsync(connection, ct);
        var batch = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM batches WHERE month = @Month AND status = 'committed'
            """, new { Month = month }, transaction, cancellationToken: ct));
        if (batch is not { } id)
            return null;
        var parameters = new { Id = id, Code = code };
        var appointments = await connection.QueryAsync<AppointmentRow>(new CommandDefinition("""
            SELECT case_id AS CaseId, post AS Post, date AS Date, start AS Start, applicants AS Applicants
            FROM appointments WHERE batch_id = @Id AND post = @Code ORDER BY ordinal
            """, parameters, transaction, cancellationToken: ct));
        var unscheduled = await connection.QueryAsync<UnscheduledRow>(new CommandDefinition("""
            SELECT case_id AS CaseId, reason AS Reason, post AS Post FROM unscheduled WHERE batch_id = @Id AND post = @Code ORDER BY ordinal
            """, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return new PostSchedule(id, month,
            appointments.Select(a => new Appointment(a.CaseId, a.Post, a.Date, a.Start, (int)a.Applicants)).ToList(),
            unscheduled.Select(u => u.ToCase(id)).ToList());
    }
}

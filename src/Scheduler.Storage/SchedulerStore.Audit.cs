using Dapper;
using Scheduler.Storage.Read;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>The audit log, newest first: at most <paramref name="limit"/> entries; only those of <paramref name="target"/> when
    /// given (that target, or one under it: <c>MNL</c> gives <c>MNL/2026-12</c>'s too); only those with an id greater than
    /// <paramref name="afterId"/> when given (newer entries), and smaller than <paramref name="beforeId"/> when given (older
    /// entries: pass the last id of a page to get the next one).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string? target = null, long? afterId = null, int limit = 100, long? beforeId = null,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition($"""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target AS Target, before_json AS Before, after_json AS After
            FROM audit_log
            WHERE true
              {(target is null ? "" : "AND (target = @Target OR substr(target, 1, length(@Under)) = @Under)")}
              {(afterId is null ? "" : "AND id > @AfterId")}
              {(beforeId is null ? "" : "AND id < @BeforeId")}
            ORDER BY id DESC
            LIMIT @Limit
            """, new { Target = target, Under = target + "/", AfterId = afterId ?? 0, BeforeId = beforeId ?? 0, Limit = (long)limit },
            cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>Records a change made elsewhere (e.g. an administrator's action in the API) in the audit log.</summary>
    public async Task AppendAuditAsync(string actor, string action, string target, string? before, string? after, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        await InsertAuditAsync(connection, transaction, Now, actor, action, target, before, after, ct);
        await transaction.CommitAsync(ct);
    }
}

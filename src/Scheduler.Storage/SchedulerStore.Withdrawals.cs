using System.Data.Common;
using System.Text.Json;
using Dapper;
using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

/// <summary>What a withdrawal or a reinstatement did: the cases it changed, and those already as asked.</summary>
public sealed record WithdrawalSummary(int Changed, int Unchanged);

/// <summary>A withdrawal or reinstatement naming cases the database does not hold, refused with nothing written.</summary>
public sealed class UnknownCasesException(IReadOnlyList<string> unknown)
    : KeyNotFoundException($"{unknown.Count} case(s) not in the database, first {unknown[0]}")
{
    /// <summary>The ids not found, in the order given.</summary>
    public IReadOnlyList<string> Unknown { get; } = unknown;
}

public sealed partial class SchedulerStore
{
    /// <summary>Withdraws cases (the case system no longer sends them to interview: withdrawn, terminated, issued
    /// elsewhere) in one transaction, with an audit row: each keeps its data, its applicants and any committed seat, and no
    /// month read after this offers it. A case already withdrawn keeps its date and reason. An import of the case again does
    /// not reinstate it (<see cref="ReinstateCasesAsync"/> does). Throws <see cref="UnknownCasesException"/> (and writes
    /// nothing) when an id is not in the database.</summary>
    public async Task<WithdrawalSummary> WithdrawCasesAsync(IReadOnlyList<CaseId> ids, LocalDate on, string reason, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return await ChangeWithdrawalsAsync(ids, actor, "cases.withdraw", new { on = SqlText.Date(on), reason },
            "withdrawn = @On, withdrawn_reason = @Reason", "withdrawn IS NULL", chunk => new { Ids = chunk, On = on, Reason = reason }, ct);
    }

    /// <summary>Reinstates withdrawn cases in one transaction, with an audit row: the next month read offers them again
    /// (unless a committed batch of another month seated them). Throws <see cref="UnknownCasesException"/> (and writes
    /// nothing) when an id is not in the database.</summary>
    public async Task<WithdrawalSummary> ReinstateCasesAsync(IReadOnlyList<CaseId> ids, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return await ChangeWithdrawalsAsync(ids, actor, "cases.reinstate", null,
            "withdrawn = NULL, withdrawn_reason = NULL", "withdrawn IS NOT NULL", chunk => new { Ids = chunk }, ct);
    }

    /// <summary>The withdrawn cases among <paramref name="ids"/>, with their date and reason.</summary>
    public async Task<IReadOnlyDictionary<string, (LocalDate On, string Reason)>> WithdrawalsAsync(IReadOnlyList<CaseId> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await OpenConnectionAsync(ct);
        var found = new Dictionary<string, (LocalDate, string)>(StringComparer.Ordinal);
        foreach (var chunk in ids.Select(i => i.Value).Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            foreach (var row in await connection.QueryAsync<(string Id, LocalDate On, string Reason)>(new CommandDefinition($"""
                SELECT id, withdrawn, withdrawn_reason FROM cases WHERE {IdAmongIds} AND withdrawn IS NOT NULL
                """, new { Ids = chunk }, cancellationToken: ct)))
                found[row.Id] = (row.On, row.Reason);
        }
        return found;
    }

    /// <summary>Ids per statement of a lookup by list (well under either database's limit on parameters).</summary>
    private const int ChunkSize = 500;

    /// <summary>"id is one of @Ids": one array parameter on PostgreSQL, a parameter per id (Dapper's expansion) on SQLite.</summary>
    private string IdAmongIds => Kind == DatabaseKind.PostgreSql ? "id = ANY(@Ids)" : "id IN @Ids";

    /// <summary>Sets <paramref name="set"/> on the cases among <paramref name="ids"/> that meet <paramref name="when"/> (those
    /// already as asked are left), a chunk of ids a statement, once every id is known to the database.</summary>
    private async Task<WithdrawalSummary> ChangeWithdrawalsAsync(IReadOnlyList<CaseId> ids, string actor, string action, object? details, string set,
        string when, Func<string[], object> parameters, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var distinct = ids.Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
            throw new ArgumentException("no case ids given", nameof(ids));
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(ChunkSize))
        {
            known.UnionWith(await connection.QueryAsync<string>(new CommandDefinition($"""
                SELECT id FROM cases WHERE {IdAmongIds}
                """, new { Ids = chunk }, transaction, cancellationToken: ct)));
        }
        var unknown = distinct.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new UnknownCasesException(unknown);
        var updated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(ChunkSize))
        {
            updated.UnionWith(await connection.QueryAsync<string>(new CommandDefinition($"""
                UPDATE cases SET {set} WHERE {IdAmongIds} AND {when} RETURNING id
                """, parameters(chunk), transaction, cancellationToken: ct)));
        }
        var changed = distinct.Where(updated.Contains).ToList(); // in the order given, for the audit row
        await InsertAuditAsync(connection, transaction, Now, actor, action, "cases", null, JsonSerializer.Serialize(new { cases = changed, details }), ct);
        await transaction.CommitAsync(ct);
        return new WithdrawalSummary(changed.Count, distinct.Count - changed.Count);
    }
}

using System.Text.Json;
using Dapper;
using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Storage.Import;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>Every post's code, in post order.</summary>
    public async Task<IReadOnlyList<PostCode>> PostCodesAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT code FROM posts ORDER BY position
            """, cancellationToken: ct))).Select(c => new PostCode(c)).ToList();
    }

    /// <summary>Sets a month's run date (a new month starts with no numbers source), with an audit row.</summary>
    public async Task SetMonthAsync(YearMonth month, LocalDate asOf, string actor, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        var before = await connection.QuerySingleOrDefaultAsync<LocalDate?>(new CommandDefinition("""
            SELECT as_of FROM months WHERE month = @Month
            """, new { Month = month }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO months (month, as_of, numbers_source) VALUES (@Month, @AsOf, 'none')
            ON CONFLICT (month) DO UPDATE SET as_of = excluded.as_of
            """, new { Month = month, AsOf = asOf }, transaction, cancellationToken: ct));
        await InsertAuditAsync(connection, transaction, Now, actor, "month.put", SqlText.Month(month),
            before is { } b ? JsonSerializer.Serialize(new { asOf = SqlText.Date(b) }) : null, JsonSerializer.Serialize(new { asOf = SqlText.Date(asOf) }), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Replaces a month's bulletin in one transaction, with an audit row; <see cref="KeyNotFoundException"/> for a month with no settings.</summary>
    public async Task ReplaceBulletinAsync(YearMonth month, IReadOnlyList<BulletinEntry> entries, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        await RequireMonthAsync(connection, transaction, month, ct);
        // The bulletin replaced, in the shape of the new one (null: the month had none).
        var replaced = (await connection.QueryAsync<(string Category, string Chargeability, string FinalAction)>(new CommandDefinition("""
            SELECT category, chargeability, final_action FROM bulletin WHERE month = @Month ORDER BY ordinal
            """, new { Month = month }, transaction, cancellationToken: ct))).ToList();
        var before = replaced.Count == 0 ? null
            : JsonSerializer.Serialize(replaced.Select(r => new { category = r.Category, chargeability = r.Chargeability, finalAction = r.FinalAction }));
        var inputs = new ScenarioInputs(month, default, [], [], entries, NumbersInput.Unlimited);
        await ImportBulletinAsync(connection, transaction, inputs, ct);
        await InsertAuditAsync(connection, transaction, Now, actor, "bulletin.put", SqlText.Month(month), before,
            JsonSerializer.Serialize(entries.Select(e => new { category = e.Category.ToString(), chargeability = e.Chargeability.Code, finalAction = Codes.Cell(e.FinalAction) })), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Replaces a month's visa-number pools in one transaction (the month then uses them, not the Act), with an audit row.</summary>
    public async Task ReplacePoolsAsync(YearMonth month, IReadOnlyList<NumberPoolEntry> pools, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pools);
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        await RequireMonthAsync(connection, transaction, month, ct);
        // What the month's numbers were: its pools in the shape of the new ones, or where its numbers came from instead.
        var source = await connection.QuerySingleAsync<string>(new CommandDefinition("""
            SELECT numbers_source FROM months WHERE month = @Month
            """, new { Month = month }, transaction, cancellationToken: ct));
        var before = source == "pools"
            ? JsonSerializer.Serialize((await connection.QueryAsync<(string Category, string Chargeability, long Available)>(new CommandDefinition("""
                SELECT category, chargeability, available FROM number_pools WHERE month = @Month ORDER BY ordinal
                """, new { Month = month }, transaction, cancellationToken: ct))).Select(p => new { category = p.Category, chargeability = p.Chargeability, available = p.Available }))
            : JsonSerializer.Serialize(new { numbersSource = source });
        var inputs = new ScenarioInputs(month, default, [], [], [], new NumbersInput { Pools = pools });
        await ImportNumbersAsync(connection, transaction, inputs, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE months SET numbers_source = 'pools' WHERE month = @Month
            """, new { Month = month }, transaction, cancellationToken: ct));
        await InsertAuditAsync(connection, transaction, Now, actor, "numbers.put", SqlText.Month(month), before,
            JsonSerializer.Serialize(pools.Select(p => new { category = p.Category.ToString(), chargeability = p.Chargeability.Code, available = p.Available })), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Upserts cases and their applicants by id in one transaction (as <see cref="ImportAsync(ScenarioInputs, CancellationToken)"/> does), with an audit row.</summary>
    public async Task<ImportSummary> UpsertCasesAsync(IReadOnlyList<VisaCase> cases, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        var inputs = new ScenarioInputs(default, default, [], cases, [], NumbersInput.Unlimited);
        var (created, updated) = await ImportCasesAsync(connection, transaction, inputs, ct);
        var withdrawn = await WithdrawnAmongAsync(connection, transaction, cases, ct);
        await InsertAuditAsync(connection, transaction, Now, actor, "cases.upsert", "cases", null,
            JsonSerializer.Serialize(new { cases = cases.Count, created, updated, first = cases.FirstOrDefault()?.Id.Value, last = cases.LastOrDefault()?.Id.Value }), ct);
        await transaction.CommitAsync(ct);
        return new ImportSummary(0, cases.Count, cases.Sum(c => c.Applicants.Count), created, updated, withdrawn);
    }

    private static async Task RequireMonthAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, YearMonth month, CancellationToken ct)
    {
        var known = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(*) FROM months WHERE month = @Month
            """, new { Month = month }, transaction, cancellationToken: ct));
        if (known == 0)
        {
            throw new KeyNotFoundException($"month {SqlText.Month(month)} has no settings: PUT /api/v1/months/{SqlText.Month(month)} with its asOf first");
        }
    }
}

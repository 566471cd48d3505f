using System.Data.Common;
using System.Text.Json;
using Dapper;
using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Storage.Read;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    private const string ApiKeyColumns = """
        name AS Name, post AS Post, created AS Created, expires AS Expires, revoked AS Revoked
        """;

    /// <summary>Issues an API key stored as its <paramref name="hash"/> (the caller's SHA-256 of the key, 32 bytes), for post
    /// <paramref name="post"/> or, when null, an administrator (NVC) key; audited as <c>key.issue</c>. Throws
    /// <see cref="InvalidOperationException"/> when the name is taken, the hash is already a key's, or the post is unknown.</summary>
    public async Task<ApiKeyRecord> AddApiKeyAsync(string name, byte[] hash, PostCode? post, Instant? expires, CancellationToken ct = default,
        string actor = "cli")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (hash.Length != 32)
            throw new ArgumentException("an API key's hash is its SHA-256: 32 bytes", nameof(hash));

        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        if (post is { } code && await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
                SELECT code FROM posts WHERE code = @Code
                """, new { Code = code }, transaction, cancellationToken: ct)) is null)
            throw new InvalidOperationException($"there is no post '{code.Value}' to issue key '{name}' for");

        var record = new ApiKeyRecord(name, post, Now, expires, null);
        // DO NOTHING on either unique column (name, hash), then tell which one: a racing writer never surfaces as a raw DbException.
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_keys (name, hash, post, created, expires, revoked) VALUES (@Name, @Hash, @Post, @Created, @Expires, NULL)
            ON CONFLICT DO NOTHING
            """, new { record.Name, Hash = hash, Post = post?.Value, record.Created, record.Expires }, transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                SELECT COUNT(*) FROM api_keys WHERE name = @Name
                """, new { Name = name }, transaction, cancellationToken: ct));
            throw new InvalidOperationException(taken > 0 ? $"key name '{name}' is taken" : $"the hash of key '{name}' is already another key's");
        }
        await InsertAuditAsync(connection, transaction, record.Created, actor, "key.issue", KeyTarget(name), null, KeyJson(record), ct);
        await transaction.CommitAsync(ct);
        return record;
    }

    /// <summary>The key whose hash is <paramref name="hash"/>, whatever its state (the caller judges expiry and revocation); null when none.</summary>
    public async Task<ApiKeyRecord?> FindApiKeyAsync(byte[] hash, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        await using var connection = await OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition($"""
            SELECT {ApiKeyColumns} FROM api_keys WHERE hash = @Hash
            """, new { Hash = hash }, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>Every key, by name.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ApiKeyRow>(new CommandDefinition($"""
            SELECT {ApiKeyColumns} FROM api_keys ORDER BY name
            """, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Revokes key <paramref name="name"/> (audited as <c>key.revoke</c>); false when there is no such key. Idempotent: a key
    /// already revoked keeps its revocation time and adds no audit row.</summary>
    public async Task<bool> RevokeApiKeyAsync(string name, CancellationToken ct = default, string actor = "cli")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition($"""
            SELECT {ApiKeyColumns} FROM api_keys WHERE name = @Name {(Kind == DatabaseKind.PostgreSql ? "FOR UPDATE" : "")}
            """, new { Name = name }, transaction, cancellationToken: ct));
        if (row is null)
            return false;
        if (row.Revoked is not null)
            return true;

        var before = row.ToRecord();
        var after = before with { Revoked = Now };
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE api_keys SET revoked = @Revoked WHERE name = @Name
            """, new { after.Revoked, Name = name }, transaction, cancellationToken: ct));
        await InsertAuditAsync(connection, transaction, after.Revoked!.Value, actor, "key.revoke", KeyTarget(name), KeyJson(before), KeyJson(after), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The audit target of an API key: <c>key/NAME</c>.</summary>
    public static string KeyTarget(string name) => $"key/{name}";

    private static string KeyJson(ApiKeyRecord key) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["name"] = key.Name,
        ["post"] = key.Post?.Value,
        ["created"] = SqlText.Instant(key.Created),
        ["expires"] = key.Expires is { } expires ? SqlText.Instant(expires) : null,
        ["revoked"] = key.Revoked is { } revoked ? SqlText.Instant(revoked) : null,
    });

    private static async Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, Instant at, string actor, string action, string target,
        string? before, string? after, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (at, actor, action, target, before_json, after_json) VALUES (@At, @Actor, @Action, @Target, @Before, @After)
            """, new { At = at, Actor = actor, Action = action, Target = target, Before = before, After = after }, transaction, cancellationToken: ct));
}

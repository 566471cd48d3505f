using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Storage;

namespace Scheduler.Api.Auth;

/// <summary>Options of the API-key scheme (none yet).</summary>
public sealed class ApiKeyOptions : AuthenticationSchemeOptions;

/// <summary>Authenticates <c>Authorization: Bearer KEY</c> against the keys' hashes in the store: no
/// key, an unknown one, an expired or a revoked one is not authenticated (401). The principal names
/// the key (<see cref="ClaimTypes.Name"/>) and says whose it is: <see cref="ApiClaims.Post"/> for a
/// post, <see cref="ApiClaims.Admin"/> for NVC. The key itself is never logged.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, SchedulerStore store, TimeProvider time)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public new const string Scheme = "ApiKey";

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("expected Authorization: Bearer KEY");
        }
        var key = header[7..].Trim();
        var record = await store.FindApiKeyAsync(ApiKeys.Hash(key), Context.RequestAborted);
        if (record is null)
        {
            return AuthenticateResult.Fail("unknown key");
        }
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (record.Revoked is not null)
        {
            return AuthenticateResult.Fail($"key {record.Name} is revoked");
        }
        if (record.Expires is { } expires && expires <= now)
        {
            return AuthenticateResult.Fail($"key {record.Name} expired");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, record.Name) };
        claims.Add(record.Post is { } post ? new Claim(ApiClaims.Post, post.Value) : new Claim(ApiClaims.Admin, "true"));
        var identity = new ClaimsIdentity(claims, Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "Send a valid API key as Authorization: Bearer KEY.").ExecuteAsync(Context);
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This key may not use this resource: a post's key reaches only its own post's data.").ExecuteAsync(Context);
}

/// <summary>The claims a key gives.</summary>
public static class ApiClaims
{
    /// <summary>The post code a post's key belongs to.</summary>
    public const string Post = "scheduler:post";

    /// <summary>Present on NVC's administrator keys.</summary>
    public const string Admin = "scheduler:admin";
}

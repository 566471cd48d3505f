using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Scheduler.Api.Auth;

/// <summary>Limits, per client IP, requests that fail authentication (no key, a malformed, unknown, expired or revoked
/// one: each unknown key costs a database lookup). Every 401 takes a token from the IP's bucket; once it is empty the
/// IP's requests to endpoints that need a key get 429 before their key is looked up, until tokens come back. Endpoints
/// that need no key (health, OpenAPI, the page) are never limited here.</summary>
internal sealed class UnauthenticatedLimiter(ApiSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetTokenBucketLimiter(ip, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.UnauthenticatedBurst,
            TokensPerPeriod = settings.UnauthenticatedRequestsPerSecond,
            ReplenishmentPeriod = settings.RatePeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>The middleware: refuses an exhausted IP, and charges it for each 401.</summary>
    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next();
            return;
        }
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // Only an exhausted IP is asked for a token here (a zero-token request always succeeds): requests with a good key
        // are not charged, and a refusal carries when tokens come back.
        if (_limiter.GetStatistics(ip) is { CurrentAvailablePermits: <= 0 })
        {
            using var lease = _limiter.AttemptAcquire(ip, 1);
            if (!lease.IsAcquired)
            {
                var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Too many requests without a valid API key from this address; retry after {retry} s.").ExecuteAsync(http);
                return;
            }
        }
        await next();
        if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            _limiter.AttemptAcquire(ip, 1).Dispose();
        }
    }

    public void Dispose() => _limiter.Dispose();
}

using System.Net;
using Scheduler.Api.Auth;
using Scheduler.Api.Tests.Support;
using static Scheduler.Api.Tests.Support.Http;

namespace Scheduler.Api.Tests.Api;

// Rate limits: per key, per address without a valid key, behind a trusted proxy; health and OpenAPI never limited.
public abstract partial class ServerContract
{
    [SkippableFact]
    public async Task RateLimit_TheThirdRequestOfAKey_Is429WithRetryAfter_WhileAnotherKeyGetsThrough()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            Database = database,
            // No token comes back during the test, whatever the machine's speed.
            Settings = (db, urls) => new ApiSettings { Database = db, Urls = urls, RequestsPerSecond = 2, Burst = 2, RatePeriod = TimeSpan.FromHours(1) },
        });
        var mnl = server.NewClient(server.MnlKey);
        Assert.Equal(HttpStatusCode.OK, (await mnl.GetAsync(MnlProfile)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mnl.GetAsync(MnlProfile + "/history")).StatusCode);
        using var third = await mnl.GetAsync(MnlProfile);
        await AssertProblemAsync(third, HttpStatusCode.TooManyRequests);
        var retry = third.Headers.RetryAfter;
        Assert.NotNull(retry);
        Assert.True(retry.Delta is { } delta && delta > TimeSpan.Zero, $"Retry-After: {retry}");

        // Limits are per key.
        var cdj = server.NewClient(server.CdjKey);
        Assert.Equal(HttpStatusCode.OK, (await cdj.GetAsync("api/v1/posts/CDJ/profiles/" + ApiServer.MonthText)).StatusCode);
        var admin = server.NewClient(server.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/batches")).StatusCode);
        // An unknown batch is a problem document like every other error, not an empty 404.
        using var unknown = await admin.GetAsync("api/v1/batches/987654");
        var missing = await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal("no batch 987654 in the ledger", (string?)missing["detail"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await mnl.GetAsync(MnlProfile)).StatusCode);
    }

    [SkippableFact]
    public async Task RateLimit_RequestsWithoutAValidKey_AreLimitedPerAddress_HealthAndOpenApiNever()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            Database = database,
            // No token comes back during the test, whatever the machine's speed.
            Settings = (db, urls) => new ApiSettings
            {
                Database = db, Urls = urls, RatePeriod = TimeSpan.FromHours(1), UnauthenticatedRequestsPerSecond = 2, UnauthenticatedBurst = 2,
            },
        });
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Get, MnlProfile, server.UnknownKey), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Get, MnlProfile), HttpStatusCode.Unauthorized);

        using var third = await SendAsync(server.Client, HttpMethod.Get, "api/v1/batches", ApiKeys.NewKey());
        var problem = await AssertProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", (string?)problem["type"]);
        Assert.True(third.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero, $"Retry-After: {third.Headers.RetryAfter}");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("openapi/v1.json")).StatusCode);
        }
    }

    [SkippableFact]
    public async Task RateLimit_WithoutAValidKey_CountsTheForwardedClient_OnlyBehindATrustedProxy()
    {
        static ApiSettings Settings(string db, string urls, IReadOnlyList<System.Net.IPAddress> proxies) => new()
        {
            Database = db, Urls = urls, RatePeriod = TimeSpan.FromHours(1), UnauthenticatedRequestsPerSecond = 2, UnauthenticatedBurst = 2,
            TrustedProxies = proxies,
        };
        async Task<HttpResponseMessage> From(HttpClient client, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, MnlProfile);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return await client.SendAsync(request);
        }

        // The test's client connects over loopback: as the trusted proxy, the addresses it forwards are the clients.
        await using (var behind = await ApiServer.StartAsync(new ApiServerOptions
        {
            Database = database, Settings = (db, urls) => Settings(db, urls, [System.Net.IPAddress.Loopback]),
        }))
        {
            await AssertProblemAsync(await From(behind.Client, "203.0.113.7"), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await From(behind.Client, "203.0.113.7"), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await From(behind.Client, "203.0.113.7"), HttpStatusCode.TooManyRequests);
            // Another client behind the same proxy has its own count.
            await AssertProblemAsync(await From(behind.Client, "198.51.100.9"), HttpStatusCode.Unauthorized);
        }

        // Trusting no proxy (the default), the header is ignored: a client cannot escape its count by naming another address.
        await using var direct = await ApiServer.StartAsync(new ApiServerOptions
        {
            Database = database, Settings = (db, urls) => Settings(db, urls, []),
        });
        await AssertProblemAsync(await From(direct.Client, "203.0.113.7"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await From(direct.Client, "203.0.113.8"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await From(direct.Client, "198.51.100.9"), HttpStatusCode.TooManyRequests);
    }

    [SkippableFact]
    public async Task RateLimit_PerKey_NeverRefusesHealthOrOpenApi()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            Database = database,
            Settings = (db, urls) => new ApiSettings { Database = db, Urls = urls, RequestsPerSecond = 1, Burst = 1, RatePeriod = TimeSpan.FromHours(1) },
        });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("openapi/v1.json")).StatusCode);
        }
    }
}

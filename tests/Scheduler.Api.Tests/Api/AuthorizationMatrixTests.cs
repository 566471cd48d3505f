using System.Net;
using System.Text.Json;
using Scheduler.Api.Tests.Support;
using Scheduler.Storage.Tests;
using static Scheduler.Api.Tests.Support.Http;

namespace Scheduler.Api.Tests.Api;

/// <summary>Every endpoint of the API against every kind of caller, over HTTP: no key, a bad one (unknown, or not a
/// Bearer key), an expired one and a revoked one are 401 with <c>WWW-Authenticate: Bearer</c> and a problem; MNL's key
/// reaches MNL's resources only (403 on the administrators' ones), CDJ's key none of MNL's (403), the administrators'
/// key everything. All cells are checked and every failure is reported at once.</summary>
public abstract class AuthorizationMatrixContract(ITestDatabase database)
{
    private enum Caller { None, Unknown, NotBearer, Expired, Revoked, OwnPost, OtherPost, Admin }

    /// <summary>An endpoint; <paramref name="Post"/>: MNL's own resource (else an administrators' one); <paramref name="Get"/>:
    /// an authorized caller must get a 2xx.</summary>
    private sealed record Endpoint(string Name, HttpMethod Method, string Path, bool Post, bool Get, Func<ApiServer, Task<(string? Body, string Media, string? IfMatch)>> Request);

    private static Func<ApiServer, Task<(string?, string, string?)>> Body(string? body, string media = "application/json") =>
        _ => Task.FromResult<(string?, string, string?)>((body, media, null));

    private static IReadOnlyList<Endpoint> Endpoints(long batchId) =>
    [
        new("GET profile", HttpMethod.Get, MnlProfile, true, true, Body(null)),
        // The month is committed below (so that the schedule exists): an authorized PUT gets 409, never 401/403.
        new("PUT profile", HttpMethod.Put, MnlProfile, true, false, async server =>
        {
            var (profile, etag) = await GetProfileAsync(server);
            return (profile.ToJsonString(), "application/json", etag);
        }),
        new("GET history", HttpMethod.Get, MnlProfile + "/history", true, true, Body(null)),
        new("GET appointments", HttpMethod.Get, "api/v1/posts/MNL/appointments/" + ApiServer.MonthText, true, true, Body(null)),
        new("GET posts", HttpMethod.Get, "api/v1/posts?month=" + ApiServer.MonthText, false, true, Body(null)),
        new("PUT month", HttpMethod.Put, "api/v1/months/" + ApiServer.MonthText, false, false, Body("""{"asOf":"2026-11-16"}""")),
        new("PUT bulletin", HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}/bulletin", false, false, Body(Tiny("bulletin.csv"), "text/csv")),
        new("PUT numbers", HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}/numbers", false, false, Body(Tiny("numbers.csv"), "text/csv")),
        new("POST cases", HttpMethod.Post, "api/v1/cases", false, false,
            Body(JsonSerializer.Serialize(new { cases = Tiny("cases.csv"), applicants = Tiny("applicants.csv") }))),
        // Unknown cases: authorized callers get 400 and nothing is withdrawn or reinstated behind the test's back.
        new("POST withdrawals", HttpMethod.Post, "api/v1/cases/withdrawals", false, false,
            Body("""{"caseIds":["NO-SUCH-CASE"],"reason":"matrix"}""")),
        new("POST reinstatements", HttpMethod.Post, "api/v1/cases/reinstatements", false, false, Body("""{"caseIds":["NO-SUCH-CASE"]}""")),
        // An unknown solver: authorized callers get 400 and no batch is started behind the test's back.
        new("POST batches", HttpMethod.Post, $"api/v1/months/{ApiServer.MonthText}/batches", false, false, Body("""{"solver":"none-such"}""")),
        new("GET batches", HttpMethod.Get, "api/v1/batches", false, true, Body(null)),
        new("GET batch", HttpMethod.Get, $"api/v1/batches/{batchId}", false, true, Body(null)),
        new("GET audit", HttpMethod.Get, "api/v1/audit", false, true, Body(null)),
    ];

    [SkippableFact]
    public async Task EveryEndpoint_ForEveryCaller_IsAllowedOrRefusedAsThePoliciesSay()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var batch = await server.CommitBatchAsync();
        var failures = new List<string>();
        var cells = 0;
        foreach (var endpoint in Endpoints(batch.BatchId!.Value))
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cells++;
                var (body, media, ifMatch) = await endpoint.Request(server);
                var (key, authorization) = caller switch
                {
                    Caller.None => (null, null),
                    Caller.Unknown => (server.UnknownKey, null),
                    Caller.NotBearer => (null, "Basic " + Convert.ToBase64String("admin:admin"u8.ToArray())),
                    Caller.Expired => (server.ExpiredKey, null),
                    Caller.Revoked => (server.RevokedKey, null),
                    Caller.OwnPost => (server.MnlKey, null),
                    Caller.OtherPost => (server.CdjKey, null),
                    _ => (server.AdminKey, (string?)null),
                };
                using var response = await SendAsync(server.Client, endpoint.Method, endpoint.Path, key, body, media, ifMatch, authorization);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var cell = $"{endpoint.Name} as {caller}: {status}";
                var expected = caller switch
                {
                    Caller.None or Caller.Unknown or Caller.NotBearer or Caller.Expired or Caller.Revoked => 401,
                    Caller.OtherPost => 403,
                    Caller.OwnPost => endpoint.Post ? 0 : 403,
                    _ => 0,
                };
                if (expected == 401)
                {
                    if (status != 401)
                        failures.Add($"{cell}, expected 401: {text}");
                    else if (!response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"))
                        failures.Add($"{cell} without WWW-Authenticate: Bearer");
                    else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{cell} is not problem JSON ({response.Content.Headers.ContentType})");
                }
                else if (expected == 403)
                {
                    if (status != 403)
                        failures.Add($"{cell}, expected 403: {text}");
                    else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{cell} is not problem JSON ({response.Content.Headers.ContentType})");
                }
                else if (status is 401 or 403 or >= 500)
                {
                    failures.Add($"{cell}, expected to be authorized: {text}");
                }
                else if (endpoint.Get && status is < 200 or >= 300)
                {
                    failures.Add($"{cell}, expected 2xx: {text}");
                }
            }
        }
        Assert.Equal(15 * 8, cells);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells wrong:\n{string.Join('\n', failures)}");
    }
}

public sealed class SqliteAuthorizationMatrixTests() : AuthorizationMatrixContract(new SqliteTestDatabase());

public sealed class PostgresAuthorizationMatrixTests() : AuthorizationMatrixContract(new PostgresTestDatabase());

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Scheduler.Api.Tests.Support;

/// <summary>Small helpers for the HTTP API tests: requests with a key, profiles as JSON, problem details.</summary>
public static class Http
{
    public const string MnlProfile = "api/v1/posts/MNL/profiles/" + ApiServer.MonthText;

    /// <summary>Sends a request with <paramref name="key"/> (none when null) and a body (JSON text unless a media type is given).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? key = null,
        string? body = null, string mediaType = "application/json", string? ifMatch = null, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        else if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The profile as JSON and its ETag (read with the admin key).</summary>
    public static async Task<(JsonObject Profile, string ETag)> GetProfileAsync(ApiServer server, string path = MnlProfile)
    {
        var response = await SendAsync(server.Client, HttpMethod.Get, path, server.AdminKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag?.ToString() ?? throw new Xunit.Sdk.XunitException("GET profile gave no ETag");
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), etag);
    }

    /// <summary>PUTs a profile as MNL's key.</summary>
    public static Task<HttpResponseMessage> PutProfileAsync(ApiServer server, string body, string? etag, string? key = null, string path = MnlProfile) =>
        SendAsync(server.Client, HttpMethod.Put, path, key ?? server.MnlKey, body, ifMatch: etag);

    /// <summary>The profile with its first session's applicants set to <paramref name="applicants"/>.</summary>
    public static string WithApplicants(JsonObject profile, int applicants)
    {
        var copy = profile.DeepClone().AsObject();
        copy["sessions"]![0]!["applicants"] = applicants;
        return copy.ToJsonString();
    }

    /// <summary>Asserts an RFC 9457 problem (application/problem+json with the status) and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]), $"a problem without a title: {text}");
        Assert.False(string.IsNullOrEmpty((string?)problem["type"]), $"a problem without a type: {text}");
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose errors have a key containing <paramref name="field"/>; returns the errors.</summary>
    public static async Task<JsonObject> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"] as JsonObject;
        Assert.True(errors is not null, $"a validation problem without errors: {problem.ToJsonString()}");
        Assert.True(errors!.Any(e => e.Key.Contains(field, StringComparison.Ordinal)),
            $"no error names field '{field}': {errors.ToJsonString()}");
        return errors;
    }

    /// <summary>A file of the tiny example.</summary>
    public static string Tiny(string name) => File.ReadAllText(Path.Combine(ApiServer.TinyFolder, name));
}

using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Api.Tests.Support;

namespace Scheduler.Api.Tests.Api;

/// <summary>The OpenAPI document the server serves is the one checked in at <c>src/Scheduler.Api/openapi/v1.json</c>
/// (compared after canonical re-serialization: keys sorted, indented), and it lists every endpoint. Regenerate the file
/// with <c>SCHEDULER_UPDATE_OPENAPI=1 dotnet test tests/Scheduler.Api.Tests --filter FullyQualifiedName~OpenApiTests</c>.</summary>
public sealed class OpenApiTests
{
    public const string UpdateVariable = "SCHEDULER_UPDATE_OPENAPI";

    private static readonly (string Path, string Method)[] Endpoints =
    [
        ("/api/v1/posts/{code}/profiles/{month}", "get"),
        ("/api/v1/posts/{code}/profiles/{month}", "put"),
        ("/api/v1/posts/{code}/profiles/{month}/history", "get"),
        ("/api/v1/posts/{code}/appointments/{month}", "get"),
        ("/api/v1/posts", "get"),
        ("/api/v1/months/{month}", "put"),
        ("/api/v1/months/{month}/bulletin", "put"),
        ("/api/v1/months/{month}/numbers", "put"),
        ("/api/v1/cases", "post"),
        ("/api/v1/cases/withdrawals", "post"),
        ("/api/v1/cases/reinstatements", "post"),
        ("/api/v1/months/{month}/batches", "post"),
        ("/api/v1/batches", "get"),
        ("/api/v1/batches/{id}", "get"),
        ("/api/v1/audit", "get"),
    ];

    private static string CheckedIn => Path.Combine(Path.GetDirectoryName(ApiServer.TinyFolder)!, "..", "..", "src", "Scheduler.Api", "openapi", "v1.json");

    /// <summary>Objects' keys sorted (ordinal), arrays kept in order, indented, one trailing line break.</summary>
    public static string Canonical(JsonNode? node)
    {
        static JsonNode? Sort(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Sort)]),
            null => null,
            _ => JsonNode.Parse(n.ToJsonString()),
        };
        return Sort(node)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";
    }

    [Fact]
    public async Task TheServedDocument_IsTheCheckedInOne_AndListsEveryEndpoint()
    {
        // No data: the document depends on the code only.
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { ImportTiny = false });
        using var response = await server.Client.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        // The servers list names the address the request came to (a random port here): not part of the contract.
        served.Remove("servers");

        var paths = served["paths"]!.AsObject();
        var missing = Endpoints.Where(e => paths[e.Path]?[e.Method] is null).Select(e => $"{e.Method.ToUpperInvariant()} {e.Path}").ToList();
        Assert.True(missing.Count == 0, $"the OpenAPI document lacks: {string.Join(", ", missing)}");
        var extra = paths.SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key)))
            .Where(pm => pm.Item2 is "get" or "put" or "post" or "delete" or "patch" && !Endpoints.Contains(pm)).ToList();
        Assert.True(extra.Count == 0, $"endpoints this test does not know (add them to {nameof(Endpoints)} and to the authorization matrix): {string.Join(", ", extra)}");

        // The profile's PUT documents its preconditions: If-Match in, ETag out, and every problem it can answer.
        var put = paths["/api/v1/posts/{code}/profiles/{month}"]!["put"]!;
        Assert.Contains(put["parameters"]!.AsArray(), p => (string?)p!["name"] == "If-Match" && (string?)p["in"] == "header");
        Assert.NotNull(put["responses"]!["200"]!["headers"]?["ETag"]);
        foreach (var status in new[] { "400", "401", "403", "404", "409", "412", "413", "428", "429" })
            Assert.True(put["responses"]![status] is not null, $"PUT profile does not document {status}");

        var canonical = Canonical(served);
        var file = Path.GetFullPath(CheckedIn);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, canonical);
        }
        var regenerate = $"Regenerate it with: {UpdateVariable}=1 dotnet test tests/Scheduler.Api.Tests -c Release --filter FullyQualifiedName~OpenApiTests, then review and commit {file}.";
        Assert.True(File.Exists(file), $"{file} is missing. {regenerate}");
        var checkedIn = Canonical(JsonNode.Parse(await File.ReadAllTextAsync(file)));
        Assert.True(checkedIn == canonical, $"the served OpenAPI document differs from {file} (the API changed?). {regenerate}\nFirst difference:\n{FirstDifference(checkedIn, canonical)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
                return $"line {i + 1}:\n  file:   {x}\n  served: {y}";
        }
        return "(none)";
    }
}

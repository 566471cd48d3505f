using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Api.Auth;
using Scheduler.Batches;
using Scheduler.Core.Posts;
using Scheduler.Planning;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using Scheduler.Tests.Shared;

namespace Scheduler.Api.Tests.Support;

/// <summary>How <see cref="ApiServer.StartAsync"/> sets a server up; every field optional.</summary>
public sealed record ApiServerOptions
{
    /// <summary>The database to run on: a fresh SQLite file by default (<see cref="SqliteTestDatabase"/>); a
    /// <see cref="PostgresTestDatabase"/> runs the same server on PostgreSQL (skipped when it is not configured).</summary>
    public ITestDatabase? Database { get; init; }

    /// <summary>Makes the server's settings from the database's connection string and the URL to listen on
    /// (loopback, port 0: the system picks a free one). Default: those two and the defaults of <see cref="ApiSettings"/>.
    /// Set it to test rate limits (<c>RequestsPerSecond</c>, <c>Burst</c>, <c>RatePeriod</c>); keep the URL given.</summary>
    public Func<string, string, ApiSettings>? Settings { get; init; }

    /// <summary>The server's clock (key expiry, the month by default); the system's by default.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Loads tests/examples/tiny (month 2026-12, posts CDJ, MNL and ABD) through <c>scheduler db import</c>; default true.</summary>
    public bool ImportTiny { get; init; } = true;
}

/// <summary>The API on Kestrel in this process, for tests of the HTTP API and of the page: a throwaway
/// database (migrated; by default with the tiny example imported), the keys below issued straight through
/// the store, the server listening on a free loopback port, and an <see cref="HttpClient"/> on it.
/// <para>Use one per test (<c>await using var server = await ApiServer.StartAsync();</c>): tests then share
/// nothing. Starting one takes well under a second on SQLite.</para>
/// <para>Keys: <see cref="AdminKey"/> (NVC, any resource), <see cref="MnlKey"/> and <see cref="CdjKey"/> (their
/// own post only), <see cref="ExpiredKey"/> (MNL's, expired a day ago) and <see cref="RevokedKey"/> (MNL's, revoked);
/// <see cref="UnknownKey"/> is well formed but was never issued. Their names are in <see cref="KeyNames"/>.</para></summary>
public sealed class ApiServer : IAsyncDisposable
{
    /// <summary>The month of the tiny example.</summary>
    public static readonly YearMonth Month = new(2026, 12);

    /// <summary>The month as the API's URLs write it.</summary>
    public const string MonthText = "2026-12";

    /// <summary>The names the keys were issued under (what the audit log records as the actor).</summary>
    public static class KeyNames
    {
        public const string Admin = "test-admin";
        public const string Mnl = "test-mnl";
        public const string Cdj = "test-cdj";
        public const string Expired = "test-mnl-expired";
        public const string Revoked = "test-mnl-revoked";
    }

    private readonly TestStore _database;
    private readonly List<HttpClient> _clients = [];

    private ApiServer(WebApplication app, TestStore database, Uri address)
    {
        App = app;
        _database = database;
        BaseAddress = address;
        Client = NewClient(null);
    }

    /// <summary>The running server.</summary>
    public WebApplication App { get; }

    /// <summary>Where it listens: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The origin the page is served from (<c>http://127.0.0.1:PORT</c>, no trailing slash).</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>A client on <see cref="BaseAddress"/> that sends no key.</summary>
    public HttpClient Client { get; }

    /// <summary>The database's connection string (for <c>scheduler ... --db</c>, or another store).</summary>
    public string Connection => _database.Connection;

    /// <summary>A store on the server's database, not the server's own instance (as another process would open it).</summary>
    public SchedulerStore Store => _database.Store;

    public string AdminKey { get; private init; } = "";
    public string MnlKey { get; private init; } = "";
    public string CdjKey { get; private init; } = "";
    public string ExpiredKey { get; private init; } = "";
    public string RevokedKey { get; private init; } = "";

    /// <summary>A key no store knows.</summary>
    public string UnknownKey { get; } = ApiKeys.NewKey();

    /// <summary>Sets up and starts a server (see the class).</summary>
    public static async Task<ApiServer> StartAsync(ApiServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ApiServerOptions();
        var database = await (options.Database ?? new SqliteTestDatabase()).CreateAsync();
        WebApplication? app = null;
        try
        {
            if (options.ImportTiny)
            {
                ImportTiny(database.Connection);
            }
            var store = database.Store;
            var now = Instant.FromDateTimeOffset((options.Time ?? TimeProvider.System).GetUtcNow());
            async Task<string> Issue(string name, string? post, Instant? expires)
            {
                var key = ApiKeys.NewKey();
                await store.AddApiKeyAsync(name, ApiKeys.Hash(key), post is null ? (PostCode?)null : new PostCode(post), expires, ct, "tests");
                return key;
            }
            var admin = await Issue(KeyNames.Admin, null, null);
            // Post keys need the posts: without the tiny example only the administrators' key is issued (the others stay "").
            string mnl = "", cdj = "", expired = "", revoked = "";
            if (options.ImportTiny)
            {
                mnl = await Issue(KeyNames.Mnl, "MNL", null);
                cdj = await Issue(KeyNames.Cdj, "CDJ", null);
                expired = await Issue(KeyNames.Expired, "MNL", now - Duration.FromDays(1));
                revoked = await Issue(KeyNames.Revoked, "MNL", null);
                await store.RevokeApiKeyAsync(KeyNames.Revoked, ct, "tests");
            }

            const string urls = "http://127.0.0.1:0";
            var settings = options.Settings?.Invoke(database.Connection, urls) ?? new ApiSettings { Database = database.Connection, Urls = urls };
            // Warnings and errors only: a test's output is not a request log.
            app = ApiHost.Build(settings, ["--Logging:LogLevel:Default=Warning"], options.Time);
            await ApiHost.MigrateAsync(app, ct);
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? app.Urls.First();
            return new ApiServer(app, database, new Uri(address.TrimEnd('/') + "/"))
            {
                AdminKey = admin, MnlKey = mnl, CdjKey = cdj, ExpiredKey = expired, RevokedKey = revoked,
            };
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new client on the server that sends <paramref name="key"/> as <c>Authorization: Bearer</c>
    /// (none when null); disposed with the server.</summary>
    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        _clients.Add(client);
        return client;
    }

    /// <summary>Plans and commits <see cref="Month"/> through the store, as the worker would (one worker thread).</summary>
    public async Task<BatchRunResult> CommitBatchAsync(CancellationToken ct = default)
    {
        var result = await new BatchRunner(Store, new MonthlyPlanner(), TimeProvider.System)
            .RunAsync(new BatchRunRequest(Month, new PlanOptions { Workers = 1 }), ct);
        if (result.Status != BatchRunStatus.Committed)
        {
            throw new InvalidOperationException($"the batch of {MonthText} ended {result.Status}: {string.Join("; ", result.Problems)}");
        }
        return result;
    }

    /// <summary>The tiny example's folder in the repository.</summary>
    public static string TinyFolder => Path.Combine(TestRun.RepositoryRoot, "tests", "examples", "tiny");

    private static void ImportTiny(string connection)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Program.Run(["db", "import", TinyFolder, "--db", connection], output, error);
        if (code != 0)
        {
            throw new InvalidOperationException($"db import of the tiny example exited {code}: {error}{output}");
        }
    }

    /// <summary>Stops the server, then drops its database.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}

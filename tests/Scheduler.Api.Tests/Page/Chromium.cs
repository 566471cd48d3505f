using System.Collections.Concurrent;
using System.Text.Json;
using PuppeteerSharp;
using Scheduler.Api.Tests.Support;

namespace Scheduler.Api.Tests.Page;

/// <summary>One headless Chromium for a test class (the system's: Debian's <c>/usr/bin/chromium</c>, or
/// <c>SCHEDULER_CHROMIUM</c>), driven over the DevTools protocol by PuppeteerSharp, which downloads nothing.
/// Each test gets its own browser context (no shared storage). Without Chromium the tests are skipped,
/// or fail when <c>SCHEDULER_REQUIRE_CHROMIUM=1</c> (CI).</summary>
public sealed class Chromium : IAsyncDisposable, IAsyncLifetime
{
    /// <summary>Where the browser is looked for unless <c>SCHEDULER_CHROMIUM</c> says otherwise.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IBrowser? _browser;

    /// <summary>The browser's executable.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SCHEDULER_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>Skips the calling test when there is no Chromium (fails it under SCHEDULER_REQUIRE_CHROMIUM=1).</summary>
    public static void SkipUnlessPresent()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        var reason = $"the page tests need a Chromium at {ExecutablePath} (apt-get install chromium, or set SCHEDULER_CHROMIUM)";
        if (Environment.GetEnvironmentVariable("SCHEDULER_REQUIRE_CHROMIUM") == "1")
        {
            Assert.Fail(reason + ", and SCHEDULER_REQUIRE_CHROMIUM=1");
        }
        Skip.If(true, reason);
    }

    /// <summary>A new tab in a new browser context, watched (console errors, requests), on the page of <paramref name="server"/>.</summary>
    public async Task<WatchedPage> OpenAsync(ApiServer server)
    {
        SkipUnlessPresent();
        var browser = await BrowserAsync();
        var context = await browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        var watched = await WatchedPage.WatchAsync(page, context, server.Origin);
        await page.GoToAsync(server.BaseAddress.ToString(), WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return watched;
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            return _browser ??= await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Root (CI, containers) has no user namespaces for the sandbox; the page is our own, on loopback.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US"],
                DefaultViewport = new ViewPortOptions { Width = 1200, Height = 900 },
                Timeout = 60_000,
            });
        }
        finally
        {
            _launch.Release();
        }
    }

    // xunit 2 ends a class fixture through IAsyncLifetime (or IDisposable), not IAsyncDisposable: without
    // this the browser outlived the test run, and a CI harness reading the run's output waits for it.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            var process = _browser.Process;
            try
            {
                await _browser.CloseAsync();
                await _browser.DisposeAsync();
            }
            finally
            {
                // Whatever CloseAsync managed, no Chromium process of ours survives the fixture.
                if (process is { HasExited: false })
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            _browser = null;
        }
        _launch.Dispose();
    }
}

/// <summary>A tab and what it did: console errors, uncaught exceptions, errors the browser logged (a blocked
/// resource, a content-security-policy violation), every request's URL.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _origin;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private WatchedPage(IPage page, IBrowserContext context, string origin)
    {
        Page = page;
        _context = context;
        _origin = origin;
    }

    /// <summary>The tab.</summary>
    public IPage Page { get; }

    /// <summary>Every URL the tab requested, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Console errors, page errors, browser-logged errors and error responses to anything but the API (the
    /// API's error statuses are not counted: the tests cause 401s, 400s and 412s on purpose).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    internal static async Task<WatchedPage> WatchAsync(IPage page, IBrowserContext context, string origin)
    {
        var watched = new WatchedPage(page, context, origin);
        page.DefaultTimeout = 20_000;
        page.Console += (_, e) =>
        {
            // The browser says so of every error status, the API's answers the tests provoke (401, 400, 412, 404) too;
            // that no file of the page itself failed is checked on the responses instead.
            if (e.Message.Type == ConsoleType.Error && !e.Message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
            {
                watched._errors.Enqueue($"console: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => watched._errors.Enqueue($"page error: {e.Message}");
        page.Request += (_, e) => watched._requests.Enqueue(e.Request.Url);
        page.Response += (_, e) =>
        {
            if ((int)e.Response.Status >= 400 && !new Uri(e.Response.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                watched._errors.Enqueue($"response: {(int)e.Response.Status} for {e.Response.Url}");
            }
        };
        var session = await page.CreateCDPSessionAsync();
        session.MessageReceived += (_, e) =>
        {
            if (e.MessageID != "Log.entryAdded" || e.MessageData.ValueKind != JsonValueKind.Object || !e.MessageData.TryGetProperty("entry", out var entry))
            {
                return;
            }
            var level = entry.GetProperty("level").GetString();
            var source = entry.GetProperty("source").GetString();
            if (level == "error" && source != "network")
            {
                watched._errors.Enqueue($"log ({source}): {entry.GetProperty("text").GetString()}");
            }
        };
        await session.SendAsync("Log.enable");
        return watched;
    }

    /// <summary>Asserts the tab logged no error and requested nothing outside the server's origin.</summary>
    public void AssertClean()
    {
        Assert.Empty(_errors);
        Assert.NotEmpty(_requests);
        Assert.All(_requests, url => Assert.StartsWith(_origin + "/", url, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await _context.CloseAsync();
    }
}

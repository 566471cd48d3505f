using System.Collections.Concurrent;
using System.Text.Json;
using PuppeteerSharp;

namespace Scheduler.Analysis.Tests.Support;

/// <summary>One headless Chromium for a test class (Debian's <c>/usr/bin/chromium</c>, or <c>SCHEDULER_CHROMIUM</c>),
/// driven by PuppeteerSharp, which downloads nothing; the pattern of the API's page tests, for report files opened
/// from disk. Without Chromium the tests are skipped, or fail under <c>SCHEDULER_REQUIRE_CHROMIUM=1</c> (CI).</summary>
public sealed class ReportBrowser : IAsyncDisposable, IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("SCHEDULER_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>Skips the calling test when there is no Chromium (fails it under SCHEDULER_REQUIRE_CHROMIUM=1).</summary>
    public static void SkipUnlessPresent()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        var reason = $"the report's browser test needs a Chromium at {ExecutablePath} (apt-get install chromium, or set SCHEDULER_CHROMIUM)";
        if (Environment.GetEnvironmentVariable("SCHEDULER_REQUIRE_CHROMIUM") == "1")
        {
            Assert.Fail(reason + ", and SCHEDULER_REQUIRE_CHROMIUM=1");
        }
        Skip.If(true, reason);
    }

    /// <summary>A new tab in a new browser context on the file, every request but the file's own refused
    /// and recorded, console and page errors recorded; returns once the page has loaded.</summary>
    public async Task<OpenedReport> OpenAsync(string file)
    {
        SkipUnlessPresent();
        var browser = await BrowserAsync();
        var context = await browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var opened = new OpenedReport(page, context, url);
        page.DefaultTimeout = 60_000;
        page.DefaultNavigationTimeout = 60_000;
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                opened.ErrorQueue.Enqueue($"console: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => opened.ErrorQueue.Enqueue($"page error: {e.Message}");
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            opened.RequestQueue.Enqueue(e.Request.Url);
            if (e.Request.Url == url)
            {
                await e.Request.ContinueAsync();
            }
            else
            {
                await e.Request.AbortAsync();
            }
        };
        var session = await page.CreateCDPSessionAsync();
        session.MessageReceived += (_, e) =>
        {
            if (e.MessageID == "Log.entryAdded" && e.MessageData.ValueKind == JsonValueKind.Object && e.MessageData.TryGetProperty("entry", out var entry)
                && entry.GetProperty("level").GetString() == "error")
            {
                opened.ErrorQueue.Enqueue($"log ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()}");
            }
        };
        await session.SendAsync("Log.enable");
        await page.GoToAsync(url, WaitUntilNavigation.Load);
        return opened;
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
                // Root (CI, containers) has no user namespaces for the sandbox; the page is a local file of ours.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US"],
                DefaultViewport = new ViewPortOptions { Width = 1300, Height = 900 },
                Timeout = 120_000,
            });
        }
        finally
        {
            _launch.Release();
        }
    }

    // xunit 2 ends a class fixture through IAsyncLifetime, not IAsyncDisposable.
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

/// <summary>A report open in a tab, with what it logged and requested.</summary>
public sealed class OpenedReport(IPage page, IBrowserContext context, string url) : IAsyncDisposable
{
    internal ConcurrentQueue<string> ErrorQueue { get; } = new();

    internal ConcurrentQueue<string> RequestQueue { get; } = new();

    public IPage Page { get; } = page;

    /// <summary>The file's URL.</summary>
    public string Url { get; } = url;

    public IReadOnlyCollection<string> Errors => ErrorQueue;

    public IReadOnlyCollection<string> Requests => RequestQueue;

    /// <summary>No error logged, and the file was the only thing requested.</summary>
    public void AssertClean()
    {
        Assert.Empty(Errors);
        Assert.Equal([Url], Requests);
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await context.CloseAsync();
    }
}

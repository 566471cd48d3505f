using System.Text.Json;
using PuppeteerSharp;

namespace Scheduler.Tests.Shared;

/// <summary>One headless Chromium for a test class (the system's: Debian's <c>/usr/bin/chromium</c>, or
/// <c>SCHEDULER_CHROMIUM</c>), launched on first use and driven over the DevTools protocol by PuppeteerSharp,
/// which downloads nothing. Without Chromium the tests are skipped, or fail when
/// <c>SCHEDULER_REQUIRE_CHROMIUM=1</c> (CI). The API's page tests and the report's browser tests derive
/// from it (compiled into each test project that links this file).</summary>
public abstract class HeadlessChromium(int width, int height) : IAsyncDisposable, IAsyncLifetime
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
        var reason = $"the browser tests need a Chromium at {ExecutablePath} (apt-get install chromium, or set SCHEDULER_CHROMIUM)";
        if (Environment.GetEnvironmentVariable("SCHEDULER_REQUIRE_CHROMIUM") == "1")
        {
            Assert.Fail(reason + ", and SCHEDULER_REQUIRE_CHROMIUM=1");
        }
        Skip.If(true, reason);
    }

    /// <summary>The browser, launched the first time.</summary>
    protected async Task<IBrowser> BrowserAsync()
    {
        SkipUnlessPresent();
        await _launch.WaitAsync();
        try
        {
            return _browser ??= await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Root (CI, containers) has no user namespaces for the sandbox; what it opens is ours (a page on
                // loopback, a report file).
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US"],
                DefaultViewport = new ViewPortOptions { Width = width, Height = height },
                Timeout = 120_000,
            });
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>Reports, through <paramref name="error"/>, every error the browser logs for <paramref name="page"/> (a
    /// blocked resource, a content-security-policy violation) from a source <paramref name="counts"/> accepts.</summary>
    protected static async Task WatchLogAsync(IPage page, Func<string?, bool> counts, Action<string> error)
    {
        ArgumentNullException.ThrowIfNull(page);
        var session = await page.CreateCDPSessionAsync();
        session.MessageReceived += (_, e) =>
        {
            if (e.MessageID != "Log.entryAdded" || e.MessageData.ValueKind != JsonValueKind.Object || !e.MessageData.TryGetProperty("entry", out var entry))
            {
                return;
            }
            var source = entry.GetProperty("source").GetString();
            if (entry.GetProperty("level").GetString() == "error" && counts(source))
            {
                error($"log ({source}): {entry.GetProperty("text").GetString()}");
            }
        };
        await session.SendAsync("Log.enable");
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
        GC.SuppressFinalize(this);
    }
}

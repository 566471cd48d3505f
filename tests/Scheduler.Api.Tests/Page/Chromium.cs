using System.Collections.Concurrent;
using PuppeteerSharp;
using Scheduler.Api.Tests.Support;
using Scheduler.Tests.Shared;

namespace Scheduler.Api.Tests.Page;

/// <summary>One headless Chromium for a test class (<see cref="HeadlessChromium"/>) opening the API's page. Each
/// test gets its own browser context (no shared storage).</summary>
public sealed class Chromium() : HeadlessChromium(1200, 900)
{
    /// <summary>A new tab in a new browser context, watched (console errors, requests), on the page of <paramref name="server"/>.</summary>
    public async Task<WatchedPage> OpenAsync(ApiServer server)
    {
        var browser = await BrowserAsync();
        var context = await browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        var watched = await WatchedPage.WatchAsync(page, context, server.Origin);
        await page.GoToAsync(server.BaseAddress.ToString(), WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return watched;
    }

    /// <summary>Errors the browser logs for <paramref name="page"/>, but the network's (the API's error answers the tests
    /// provoke are logged there; that no file of the page failed is checked on the responses).</summary>
    internal static Task WatchLogAsync(IPage page, Action<string> error) => WatchLogAsync(page, source => source != "network", error);
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
        await Chromium.WatchLogAsync(page, watched._errors.Enqueue);
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

using System.Collections.Concurrent;
using PuppeteerSharp;
using Scheduler.Tests.Shared;

namespace Scheduler.Analysis.Tests.Support;

/// <summary>One headless Chromium for a test class (<see cref="HeadlessChromium"/>) opening report files from disk.</summary>
public sealed class ReportBrowser() : HeadlessChromium(1300, 900)
{
    /// <summary>A new tab in a new browser context on the file, every request but the file's own refused
    /// and recorded, console and page errors recorded; returns once the page has loaded.</summary>
    public async Task<OpenedReport> OpenAsync(string file)
    {
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
        await WatchLogAsync(page, _ => true, opened.ErrorQueue.Enqueue);
        await page.GoToAsync(url, WaitUntilNavigation.Load);
        return opened;
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

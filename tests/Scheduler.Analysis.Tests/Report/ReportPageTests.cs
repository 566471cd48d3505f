using PuppeteerSharp;
using Scheduler.Analysis.Tests.Support;
using Scheduler.Analysis.WhatIf;
using Scheduler.Files.Input;
using Xunit.Abstractions;

namespace Scheduler.Analysis.Tests.Report;

/// <summary>Reports opened in a real headless Chromium from disk: the page loads with no error, requests
/// nothing but itself, has one calendar per post with a cell per day and the run's metadata, and a
/// full-page screenshot is saved beside the test binaries (<c>report-*.png</c>). Waits are on page
/// state, never on time.</summary>
public sealed class ReportPageTests(ReportBrowser browser, ITestOutputHelper output) : IClassFixture<ReportBrowser>
{
    [SkippableFact]
    public async Task Tiny_WithADiff_OpensCleanly_WithACalendarPerPost_AndAScreenshot()
    {
        ReportBrowser.SkipUnlessPresent();
        var schedule = AnalysisFolders.PlanTiny("cpsat");
        var diff = Path.Combine(AnalysisFolders.NewTemp(), "diff.json");
        File.WriteAllBytes(diff, WhatIfJson.Write(ReportDiffs.Sample(variants: 2, gained: 60)));
        var page = Path.Combine(AnalysisFolders.NewTemp(), "tiny.html");
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, schedule, "--html", page, "--diff", diff);
        Assert.True(code == 0, error);

        await using var report = await browser.OpenAsync(page);
        await AssertPageAsync(report, posts: 3, days: 31);
        Assert.Equal("cpsat", await TextAsync(report.Page, "[data-key=solver]"));
        Assert.Equal("OPTIMAL", await TextAsync(report.Page, "[data-key=status]"));
        Assert.Equal("0 %", await TextAsync(report.Page, "[data-key=gap]"));
        Assert.Equal(2, await report.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('#whatif .variant').length"));
        // CP-SAT seats 11 of CDJ's 12 (EXPECTED.md): three on its first usable day.
        Assert.Equal("3/3", await report.Page.EvaluateExpressionAsync<string>(
            "(g => g.dataset.used + '/' + g.dataset.offered)(document.querySelector('#post-CDJ g.day[data-date=\"2026-12-28\"]'))"));
        await ScreenshotAsync(report, "report-tiny.png");
        report.AssertClean();
    }

    [SkippableFact]
    public async Task SmallSample_PlannedByFirstFit_OpensCleanly_WithACalendarPerPost_AndAScreenshot()
    {
        ReportBrowser.SkipUnlessPresent();
        var scenario = Path.Combine(AnalysisFolders.NewTemp(), "small");
        Assert.Equal(0, AnalysisFolders.Cli("sample", "--profile", "small", "--seed", "3", "--out", scenario).ExitCode);
        var schedule = Path.Combine(AnalysisFolders.NewTemp(), "out");
        Assert.Equal(0, AnalysisFolders.Cli("plan", scenario, "--out", schedule, "--solver", "greedy", "--seed", "1", "--workers", "1").ExitCode);
        var page = Path.Combine(AnalysisFolders.NewTemp(), "small.html");
        var (code, _, error) = AnalysisFolders.Cli("report", scenario, schedule, "--html", page);
        Assert.True(code == 0, error);
        var read = ScenarioReader.Read(scenario);
        Assert.True(read.Succeeded);

        await using var report = await browser.OpenAsync(page);
        await AssertPageAsync(report, read.Scenario!.Posts.Count, read.Scenario.Month.ToDateInterval().Length);
        Assert.Equal("greedy", await TextAsync(report.Page, "[data-key=solver]"));
        Assert.Equal(read.Scenario.Posts.Count, await report.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('#index tbody tr').length"));
        await ScreenshotAsync(report, "report-small.png");
        report.AssertClean();
    }

    private static async Task AssertPageAsync(OpenedReport report, int posts, int days)
    {
        var page = report.Page;
        Assert.Equal(posts, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('details.post').length"));
        Assert.Equal(posts, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.calendar').length"));
        Assert.Equal(Enumerable.Repeat(days, posts),
            await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('svg.calendar')].map(c => c.querySelectorAll('g.day').length)"));
        Assert.Equal("2026-12", await TextAsync(page, "[data-key=month]"));
        Assert.Equal("1", await TextAsync(page, "[data-key=seed]"));
        Assert.Matches("^[0-9a-f]{64}$", await TextAsync(page, "[data-key=inputHash]"));
        Assert.False(string.IsNullOrWhiteSpace(await TextAsync(page, "[data-key=engineVersion]")));
        Assert.False(string.IsNullOrWhiteSpace(await TextAsync(page, "[data-key=asOf]")));
    }

    private static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s).textContent", selector);

    private async Task ScreenshotAsync(OpenedReport report, string name)
    {
        var png = Path.Combine(AppContext.BaseDirectory, name);
        await report.Page.ScreenshotAsync(png, new ScreenshotOptions { FullPage = true });
        output.WriteLine($"screenshot: {png}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"the screenshot has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }
}

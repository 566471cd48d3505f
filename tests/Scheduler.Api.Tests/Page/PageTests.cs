using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PuppeteerSharp;
using Scheduler.Api.Tests.Support;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests.Page;

/// <summary>The page for posts in a real headless Chromium against the API in this process: sign in, the
/// profile, edits uploaded, validation problems beside their fields, a stale upload, the calendar of a committed
/// batch, a screenshot. Every test ends asserting the page logged no error and requested nothing from elsewhere.
/// Waits are on selectors and page state, never on time.</summary>
public sealed class PageTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const string ProfilePath = "api/v1/posts/MNL/profiles/" + ApiServer.MonthText;

    [SkippableFact]
    public async Task SignIn_WithAWrongKey_SaysSo_AndWithThePostsKey_ShowsItsProfile()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;

        await SignInAsync(page, server.UnknownKey);
        await WaitForTextAsync(page, "#sign-in-error", "not accepted");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('workspace').hidden"));
        Assert.Null(await page.EvaluateExpressionAsync<string?>("sessionStorage.getItem('scheduler.session')"));

        await SignInAsync(page, server.MnlKey, post: "CDJ");
        await WaitForTextAsync(page, "#sign-in-error", "not a key of post CDJ");

        await SignInAsync(page, server.MnlKey);
        await page.WaitForSelectorAsync("#workspace:not([hidden])");
        await WaitForTextAsync(page, "#post-facts", "Manila (MNL)");
        Assert.Equal("07:30", await ValueAsync(page, "#sessions tr:nth-child(1) .start"));
        Assert.Equal("2", await ValueAsync(page, "#sessions tr:nth-child(1) .applicants"));
        Assert.Equal(["2026-12-24", "2026-12-25", "2026-12-30", "2026-12-31"],
            await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#closed .closed-date')].map(i => i.value)"));
        Assert.Equal("2026-12-16", await ValueAsync(page, "#days .day-date"));
        Assert.Equal("08:00", await ValueAsync(page, "#days .day-sessions .start"));
        Assert.Equal("systemSource", await ValueAsync(page, "#mix tr:nth-child(1) .dimension"));
        Assert.Equal("IVIS", await ValueAsync(page, "#mix tr:nth-child(1) .value"));
        Assert.Equal("max", await ValueAsync(page, "#mix tr:nth-child(1) .kind"));
        Assert.Equal("0.25", await ValueAsync(page, "#mix tr:nth-child(1) .share"));
        Assert.Equal(["Saturday", "Sunday"],
            await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#weekend input:checked')].map(i => i.value)"));
        await page.WaitForSelectorAsync("#no-schedule");

        // The key is in this tab's sessionStorage only, and the sign-in field no longer holds it.
        Assert.Contains(server.MnlKey, await page.EvaluateExpressionAsync<string>("sessionStorage.getItem('scheduler.session')"), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("localStorage.length"));
        Assert.Equal("", await ValueAsync(page, "#key"));

        // Signing out forgets it.
        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#sign-in-section:not([hidden])");
        Assert.Null(await page.EvaluateExpressionAsync<string?>("sessionStorage.getItem('scheduler.session')"));
        tab.AssertClean();
    }

    [SkippableFact]
    public async Task Edit_AddASessionAndChangeACapacity_Uploads_AndTheApiGivesTheChange()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;
        await SignInAsync(page, server.MnlKey);
        await page.WaitForSelectorAsync("#workspace:not([hidden])");

        await SetValueAsync(page, "#sessions tr:nth-child(1) .applicants", "3");
        await page.ClickAsync("#add-session");
        await page.WaitForSelectorAsync("#sessions tr:nth-child(2) .start");
        await page.Keyboard.TypeAsync("13:00"); // the new row's start has the focus
        await SetValueAsync(page, "#sessions tr:nth-child(2) .applicants", "4");
        await page.ClickAsync("#add-closed");
        await page.Keyboard.TypeAsync("2026-12-28");
        await page.ClickAsync("#upload");
        await WaitForTextAsync(page, "#upload-outcome.ok", "Uploaded");

        using var api = server.NewClient(server.MnlKey);
        var profile = JsonNode.Parse(await api.GetStringAsync(ProfilePath))!;
        var sessions = profile["sessions"]!.AsArray().Select(s => $"{s!["start"]}={s["applicants"]}").ToArray();
        Assert.Equal(["07:30=3", "13:00=4"], sessions);
        Assert.Contains("2026-12-28", profile["closed"]!.AsArray().Select(d => (string?)d));
        // The form shows the stored profile, under its new ETag: a second upload goes through as well.
        await SetValueAsync(page, "#sessions tr:nth-child(2) .applicants", "5");
        await page.ClickAsync("#upload");
        await page.WaitForFunctionAsync("() => document.querySelector('#sessions tr:nth-child(2) .applicants').value === '5' && !document.getElementById('upload').disabled && document.querySelector('#upload-outcome.ok') !== null");
        Assert.Equal(5, (int)JsonNode.Parse(await api.GetStringAsync(ProfilePath))!["sessions"]![1]!["applicants"]!);
        tab.AssertClean();
    }

    [SkippableFact]
    public async Task ValidationProblems_AreShownBesideTheirFields_AndNothingIsStored()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;
        await SignInAsync(page, server.MnlKey);
        await page.WaitForSelectorAsync("#workspace:not([hidden])");
        using var api = server.NewClient(server.MnlKey);
        var before = (await api.GetAsync(ProfilePath)).Headers.ETag;

        await SetValueAsync(page, "#sessions tr:nth-child(1) .applicants", "-1");
        await SetValueAsync(page, "#mix tr:nth-child(1) .share", "1.5");
        await SetValueAsync(page, "#closed li:nth-child(1) .closed-date", "2027-01-01");
        await page.ClickAsync("#upload");

        var applicants = await page.WaitForSelectorAsync("#sessions tr:nth-child(1) .applicants[aria-invalid=true]");
        Assert.Contains("expected a whole number of 0 or more, got '-1'", await ErrorBesideAsync(applicants), StringComparison.Ordinal);
        var share = await page.WaitForSelectorAsync("#mix tr:nth-child(1) .share[aria-invalid=true]");
        Assert.Contains("expected a share between 0 and 1, got '1.5'", await ErrorBesideAsync(share), StringComparison.Ordinal);
        var closed = await page.WaitForSelectorAsync("#closed li:nth-child(1) .closed-date[aria-invalid=true]");
        Assert.Contains("2027-01-01 is not in 2026-12", await ErrorBesideAsync(closed), StringComparison.Ordinal);
        await WaitForTextAsync(page, "#profile-errors", "3 problems");
        // The other fields are not marked, and the focus is on the first problem.
        Assert.Equal(3, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#profile [aria-invalid=true]').length"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.activeElement.getAttribute('aria-invalid') === 'true'"));
        Assert.Equal(before, (await api.GetAsync(ProfilePath)).Headers.ETag);

        // Fixed, it goes through and the marks go.
        await SetValueAsync(page, "#sessions tr:nth-child(1) .applicants", "2");
        await SetValueAsync(page, "#mix tr:nth-child(1) .share", "0.3");
        await SetValueAsync(page, "#closed li:nth-child(1) .closed-date", "2026-12-23");
        await page.ClickAsync("#upload");
        await WaitForTextAsync(page, "#upload-outcome.ok", "Uploaded");
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#profile [aria-invalid=true]').length"));
        tab.AssertClean();
    }

    [SkippableFact]
    public async Task StaleUpload_AfterAnotherWriter_SaysSo_AndOffersToReload()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;
        await SignInAsync(page, server.MnlKey);
        await page.WaitForSelectorAsync("#workspace:not([hidden])");

        // Someone else uploads in between (the admin, through the API).
        using var other = server.NewClient(server.AdminKey);
        var read = await other.GetAsync(ProfilePath);
        var profile = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        profile["minNoticeDays"] = 33;
        using var put = new HttpRequestMessage(HttpMethod.Put, ProfilePath) { Content = new StringContent(profile.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(put)).StatusCode);

        await SetValueAsync(page, "#sessions tr:nth-child(1) .applicants", "9");
        await page.ClickAsync("#upload");
        await WaitForTextAsync(page, "#upload-outcome.error", "someone uploaded a newer profile");
        using (var api = server.NewClient(server.MnlKey))
        {
            Assert.Equal(2, (int)JsonNode.Parse(await api.GetStringAsync(ProfilePath))!["sessions"]![0]!["applicants"]!);
        }

        await page.ClickAsync("#upload-outcome button");
        await page.WaitForFunctionAsync("() => document.getElementById('min-notice').value === '33'");
        Assert.Equal("2", await ValueAsync(page, "#sessions tr:nth-child(1) .applicants"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('upload-outcome').hidden"));
        tab.AssertClean();
    }

    [SkippableFact]
    public async Task Calendar_OfACommittedBatch_ShowsSeatsUsedAndOfferedPerDay_AndAScreenshotIsSaved()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        var batch = await server.CommitBatchAsync();
        using var api = server.NewClient(server.MnlKey);
        var schedule = JsonNode.Parse(await api.GetStringAsync("api/v1/posts/MNL/appointments/" + ApiServer.MonthText))!;
        var used = schedule["appointments"]!.AsArray()
            .GroupBy(a => (string)a!["date"]!).ToDictionary(g => g.Key, g => g.Sum(a => (int)a!["applicants"]!));
        Assert.NotEmpty(used);

        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;
        await SignInAsync(page, server.MnlKey);
        await page.WaitForSelectorAsync("#calendar-table");

        var cells = await page.EvaluateExpressionAsync<CalendarCell[]>(
            "[...document.querySelectorAll('#calendar-table td[data-date]')].map(td => ({ date: td.dataset.date, used: +td.dataset.used, offered: +td.dataset.offered, text: td.textContent }))");
        Assert.Equal(31, cells.Length);
        foreach (var cell in cells)
        {
            Assert.Equal(used.GetValueOrDefault(cell.Date), cell.Used);
        }
        var byDate = cells.ToDictionary(c => c.Date);
        Assert.Equal(2, byDate["2026-12-01"].Offered);            // a Tuesday: the regular 07:30 session of 2
        Assert.Equal(2, byDate["2026-12-16"].Offered);            // its day override: 08:00 for 2
        Assert.Equal(0, byDate["2026-12-25"].Offered);            // closed
        Assert.Contains("Closed", byDate["2026-12-25"].Text, StringComparison.Ordinal);
        Assert.Contains("Weekend", byDate["2026-12-05"].Text, StringComparison.Ordinal); // a Saturday
        var someDay = used.Keys.Order(StringComparer.Ordinal).First();
        Assert.Contains($"{used[someDay]} of {byDate[someDay].Offered} seats used", byDate[someDay].Text, StringComparison.Ordinal);
        await WaitForTextAsync(page, "#schedule-summary", $"Batch {batch.BatchId}");
        Assert.Equal("Monday", await page.EvaluateExpressionAsync<string>("document.querySelector('#calendar-table th').abbr"));
        Assert.Equal(1, await page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('#calendar-table tbody tr:first-child td')].findIndex(td => td.dataset.date)")); // 1 December 2026 is a Tuesday

        var folder = Path.Combine(Path.GetTempPath(), "scheduler-api-tests", nameof(PageTests));
        Directory.CreateDirectory(folder);
        var png = Path.Combine(folder, "calendar.png");
        File.Delete(png);
        await page.ScreenshotAsync(png, new ScreenshotOptions { FullPage = true });
        output.WriteLine($"screenshot: {png}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"the screenshot has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        // The month is frozen by its batch: the page says so before any edit, naming the batch, and the form is disabled.
        await WaitForTextAsync(page, "#profile-notice:not([hidden])", $"committed batch {batch.BatchId}");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('upload').disabled"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.querySelector('#sessions tr:nth-child(1) .applicants').disabled"));
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('reload').disabled"));
        tab.AssertClean();
    }

    [SkippableFact]
    public async Task AMonthWithoutItsOwnUpload_SaysWhichMonthItsProfileIsCarriedOverFrom_AndCanBeUploaded()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;

        await SignInAsync(page, server.MnlKey, month: "2027-01");
        await page.WaitForSelectorAsync("#workspace:not([hidden])");
        await WaitForTextAsync(page, "#profile-notice:not([hidden])", "carried over from December 2026");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('upload').disabled"));

        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#profile-notice[hidden]");
        Assert.Single(await server.Store.ProfileHistoryAsync("MNL", new NodaTime.YearMonth(2027, 1)));
        tab.AssertClean();
    }

    [SkippableFact]
    public async Task AKeyRevokedWhileSignedIn_SendsTheUserBackToSignIn()
    {
        Chromium.SkipUnlessPresent();
        await using var server = await ApiServer.StartAsync();
        await using var tab = await chromium.OpenAsync(server);
        var page = tab.Page;
        await SignInAsync(page, server.MnlKey);
        await page.WaitForSelectorAsync("#workspace:not([hidden])");
        await server.Store.RevokeApiKeyAsync(ApiServer.KeyNames.Mnl, default, "tests");

        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#sign-in-section:not([hidden])");
        await WaitForTextAsync(page, "#sign-in-error", "Sign in again");
        Assert.Null(await page.EvaluateExpressionAsync<string?>("sessionStorage.getItem('scheduler.session')"));
        tab.AssertClean();
    }

    private sealed record CalendarCell(string Date, int Used, int Offered, string Text);

    private static async Task SignInAsync(IPage page, string key, string post = "MNL", string month = ApiServer.MonthText)
    {
        await page.WaitForSelectorAsync("#sign-in-section:not([hidden])");
        await SetValueAsync(page, "#key", key);
        await SetValueAsync(page, "#post", post);
        await SetValueAsync(page, "#month", month);
        // Clear the last message first, so that waiting for the next one cannot see the old one.
        await page.EvaluateExpressionAsync("document.getElementById('sign-in-error').textContent = ''");
        await page.ClickAsync("#sign-in-button");
    }

    /// <summary>Empties the field, then types into it as a user would.</summary>
    private static async Task SetValueAsync(IPage page, string selector, string value)
    {
        await page.EvaluateFunctionAsync("s => { const e = document.querySelector(s); e.value = ''; e.focus(); }", selector);
        await page.Keyboard.TypeAsync(value);
    }

    private static Task<string> ValueAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s).value", selector);

    private static Task WaitForTextAsync(IPage page, string selector, string text) =>
        page.WaitForFunctionAsync("(s, t) => { const e = document.querySelector(s); return !!e && !e.hidden && e.textContent.includes(t); }", selector, text);

    /// <summary>The error line the field names in aria-describedby.</summary>
    private static Task<string> ErrorBesideAsync(IElementHandle field) =>
        field.EvaluateFunctionAsync<string>("e => e.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join(' ')");
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Api.Auth;
using Scheduler.Api.Tests.Support;
using Scheduler.Batches;
using Scheduler.Planning;
using Scheduler.Storage.Tests;
using static Scheduler.Api.Tests.Support.Http;

namespace Scheduler.Api.Tests.Api;

/// <summary>The server on each database: uploads while a batch runs (the batch keeps its snapshot; the month freezes at
/// the commit), per-key rate limits, health, the keys CLI against a running server, and the audit log.</summary>
public abstract partial class ServerContract(ITestDatabase database)
{
    /// <summary>Holds the planner's thread at the first <see cref="PlanStage.FirstFitDone"/> until released.</summary>
    private sealed class Gate : IProgress<PlanProgress>
    {
        private int _held;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public SemaphoreSlim Release { get; } = new(0);

        public void Report(PlanProgress value)
        {
            if (value.Stage == PlanStage.FirstFitDone && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Reached.TrySetResult();
                Release.Wait();
            }
        }
    }

    /// <summary>Only guards against a hang; nothing waits for it to pass.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private static int Applicants(JsonNode post) => (int)post["sessions"]![0]!["applicants"]!;

    [SkippableFact]
    public async Task Put_WhileABatchRuns_Succeeds_TheBatchKeepsItsSnapshot_AndAfterTheCommitTheMonthIsFrozen()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        Assert.Equal(2, Applicants(profile));

        var gate = new Gate();
        string newETag;
        var runner = new BatchRunner(server.Store, new MonthlyPlanner(), TimeProvider.System);
        var run = Task.Run(() => runner.RunAsync(new BatchRunRequest(ApiServer.Month, new PlanOptions { Workers = 1 }), gate, null, CancellationToken.None));
        try
        {
            await gate.Reached.Task.WaitAsync(HangGuard);

            // The batch holds the month and has read its snapshot; the month is not frozen until it commits.
            using var during = await PutProfileAsync(server, WithApplicants(profile, 5), etag);
            Assert.True(during.StatusCode == HttpStatusCode.OK, $"PUT during the batch: {(int)during.StatusCode} {await during.Content.ReadAsStringAsync()}");
            newETag = during.Headers.ETag!.ToString();
            Assert.Equal("running", (await server.Store.ListBatchesAsync(ApiServer.Month)).Single().Status.ToString().ToLowerInvariant());
        }
        finally
        {
            gate.Release.Release();
        }
        var result = await run.WaitAsync(HangGuard);
        Assert.Equal(BatchRunStatus.Committed, result.Status);

        // The committed input holds the profile as it was when the batch read the month.
        var committed = await server.Store.ReadCommittedBatchAsync(ApiServer.Month);
        Assert.NotNull(committed);
        Assert.Equal(result.BatchId, committed.Batch.Id);
        var postsJson = ScenarioPackage.Unpack(committed.InputFiles).Single(f => f.Name == "posts.json").Content;
        var mnl = JsonNode.Parse(postsJson)!.AsArray().Single(p => (string?)p!["code"] == "MNL")!;
        Assert.Equal(2, Applicants(mnl));

        // The committed month keeps the profile the batch planned with: the commit made it the month's latest version (the
        // batch's), and the upload made during the batch stays in the history just before it.
        var (latest, latestETag) = await GetProfileAsync(server);
        Assert.Equal(2, Applicants(latest));
        Assert.Equal(etag, latestETag);
        var history = await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month);
        Assert.Equal(($"batch {result.BatchId}", latestETag), (history[0].UploadedBy, history[0].ETag));
        Assert.Equal(newETag, history[1].ETag);

        // After the commit the month is frozen: 409 naming the batch.
        using var after = await PutProfileAsync(server, WithApplicants(latest, 6), latestETag);
        var problem = await AssertProblemAsync(after, HttpStatusCode.Conflict);
        Assert.Contains($"batch {result.BatchId}", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(latestETag, (await GetProfileAsync(server)).ETag);
    }

    [SkippableFact]
    public async Task BindingFailures_AreProblemsNamingTheFieldOrParameter()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var admin = server.NewClient(server.AdminKey);

        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, $"api/v1/months/{ApiServer.MonthText}/batches", body: """{"seed":"x"}"""), "seed");
        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Get, "api/v1/audit?limit=abc"), "limit");
        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}", body: """{"asOf": """), "body");
        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/cases", body: "{not json"), "body");
        Assert.Empty(await server.Store.ListBatchesAsync(ApiServer.Month));
    }

    [SkippableFact]
    public async Task Withdrawals_LeaveTheCasesOutOfTheMonth_UnknownOnesAre400NamingThem_AndReinstatementsBringThemBack()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var admin = server.NewClient(server.AdminKey);

        var unknown = await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/cases/withdrawals",
            body: """{"caseIds":["C-01","NOPE"],"reason":"terminated"}"""), "caseIds[1]");
        Assert.Contains("'NOPE' is not in the database", (string?)unknown["caseIds[1]"]![0], StringComparison.Ordinal);
        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/cases/withdrawals",
            body: """{"caseIds":["C-01"],"reason":" ","on":"2026-13-01"}"""), "reason");
        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/cases/withdrawals",
            body: """{"caseIds":["C-01"],"reason":"x","on":"2026-13-01"}"""), "on");
        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/cases/reinstatements", body: """{"caseIds":[]}"""), "caseIds");
        Assert.Contains((await server.Store.ReadMonthAsync(ApiServer.Month))!.Cases, c => c.Id == "C-01");

        using var withdrawn = await SendAsync(admin, HttpMethod.Post, "api/v1/cases/withdrawals",
            body: """{"caseIds":["C-01","C-02"],"reason":"terminated by the case system","on":"2026-11-20"}""");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var summary = JsonNode.Parse(await withdrawn.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int)summary["changed"]!);
        var read = (await server.Store.ReadMonthAsync(ApiServer.Month))!;
        Assert.DoesNotContain(read.Cases, c => c.Id == "C-01" || c.Id == "C-02");
        Assert.Equal("cases.withdraw", (await server.Store.ReadAuditAsync("cases"))[0].Action);
        Assert.Equal(ApiServer.KeyNames.Admin, (await server.Store.ReadAuditAsync("cases"))[0].Actor);

        using var reinstated = await SendAsync(admin, HttpMethod.Post, "api/v1/cases/reinstatements", body: """{"caseIds":["C-02"]}""");
        Assert.Equal(HttpStatusCode.OK, reinstated.StatusCode);
        read = (await server.Store.ReadMonthAsync(ApiServer.Month))!;
        Assert.Contains(read.Cases, c => c.Id == "C-02");
        Assert.DoesNotContain(read.Cases, c => c.Id == "C-01");
    }

    [SkippableFact]
    public async Task Cases_AnUploadMovingAnApplicantToAnotherCase_Is400NamingItsLine_AndWritesNothing()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var admin = server.NewClient(server.AdminKey);
        var before = (await server.Store.ReadMonthAsync(ApiServer.Month))!.Cases.Count;
        const string Cases = "case_id,category,visa_class,priority_date,chargeability,dq_date,post,residence,nationality,language,system_source,expedite,interview_by\n" +
            "X-01,IR,IR1,2025-03-01,MX,2026-10-01,CDJ,MX,MX,es,PIVOT,N,\n";
        const string Applicants = "applicant_id,case_id,role,birth_date,traveling,docs_expire\nC-01-1,X-01,P,1990-01-01,Y,\n";
        var errors = await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/cases",
            body: JsonSerializer.Serialize(new { cases = Cases, applicants = Applicants })), "applicants");
        var message = (string?)errors["applicants"]![0];
        Assert.Contains("applicants.csv:2: applicant C-01-1 belongs to case C-01", message, StringComparison.Ordinal);
        var after = (await server.Store.ReadMonthAsync(ApiServer.Month))!;
        Assert.Equal(before, after.Cases.Count);
        Assert.Equal("C-01-1", after.Cases.Single(c => c.Id == "C-01").Applicants[0].Id);
    }

    [SkippableFact]
    public async Task Months_AsOfAfterTheMonthEnds_Is400_AndABatchOfAMonthWithoutSettings_Is422InTheApisWords()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var admin = server.NewClient(server.AdminKey);
        var before = await server.Store.MonthAsOfAsync(ApiServer.Month);

        await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}", body: """{"asOf":"2027-01-01"}"""), "asOf");
        Assert.Equal(before, await server.Store.MonthAsOfAsync(ApiServer.Month));
        Assert.Equal(HttpStatusCode.NoContent,
            (await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}", body: """{"asOf":"2026-12-31"}""")).StatusCode);

        var problem = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "api/v1/months/2031-01/batches", body: "{}"), HttpStatusCode.UnprocessableEntity);
        var detail = (string?)problem["detail"] ?? "";
        Assert.DoesNotContain("--as-of", detail, StringComparison.Ordinal);
        Assert.Contains("PUT /api/v1/months/2031-01", detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SecurityHeaders_OnThePageAndOnApiAnswers()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        // The page, a script, an answer, a 403 and a 401.
        foreach (var (path, key) in new[] { ("", server.MnlKey), ("app.js", server.MnlKey), (MnlProfile, server.MnlKey), ("api/v1/batches", server.MnlKey), ("api/v1/batches", null) })
        {
            using var response = await SendAsync(server.Client, HttpMethod.Get, path, key);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Audit_BulletinAndNumbersRecordWhatTheyReplaced_PagesGoBackWithBefore_TargetMatchesWhatIsUnderIt()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var admin = server.NewClient(server.AdminKey);
        foreach (var part in new[] { "bulletin", "numbers" })
        {
            var csv = Tiny($"{part}.csv");
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}/{part}", body: csv, mediaType: "text/csv")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}/{part}", body: csv, mediaType: "text/csv")).StatusCode);
            var puts = (await server.Store.ReadAuditAsync(ApiServer.MonthText, limit: 1000)).Where(e => e.Action == $"{part}.put").ToList();
            Assert.NotNull(puts[0].Before);
            // The second upload replaced what the first wrote.
            Assert.Equal(JsonNode.Parse(puts[1].After!)!.ToJsonString(), JsonNode.Parse(puts[0].Before!)!.ToJsonString());
        }

        var (profile, etag) = await GetProfileAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await PutProfileAsync(server, WithApplicants(profile, 3), etag)).StatusCode);
        using var underMnl = await SendAsync(admin, HttpMethod.Get, "api/v1/audit?target=MNL");
        var mnl = JsonNode.Parse(await underMnl.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(mnl, e => (string?)e!["target"] == $"MNL/{ApiServer.MonthText}" && (string?)e["action"] == "profile.put");
        Assert.All(mnl, e => Assert.StartsWith("MNL/", (string?)e!["target"], StringComparison.Ordinal));

        var all = (await server.Store.ReadAuditAsync(limit: 1000)).Select(e => e.Id).ToList();
        Assert.True(all.Count >= 4, $"{all.Count} audit entries");
        var pages = new List<long>();
        long? before = null;
        while (true)
        {
            using var response = await SendAsync(admin, HttpMethod.Get, "api/v1/audit?limit=2" + (before is { } b ? $"&before={b}" : ""));
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => (long)e!["id"]!).ToList();
            if (page.Count == 0)
                break;
            pages.AddRange(page);
            before = page[^1];
        }
        Assert.Equal(all, pages);
    }

    [SkippableFact]
    public async Task Health_LiveAndReady_Are200()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        using var live = await server.Client.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await server.Client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static (int Code, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Scheduler.Cli.Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task KeysCli_IssueListRevokeAndExpiry_TakeEffectOnTheRunningServer()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var before = (await server.Store.ListApiKeysAsync()).Select(k => k.Name).ToHashSet();

        var issued = Cli("keys", "issue", "--post", "MNL", "--db", server.Connection);
        Assert.True(issued.Code == 0, $"keys issue exited {issued.Code}: {issued.Error}");
        var key = issued.Output.Trim();
        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, issued.Error, StringComparison.Ordinal);
        var name = Assert.Single((await server.Store.ListApiKeysAsync()).Select(k => k.Name), n => !before.Contains(n));

        var client = server.NewClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(MnlProfile)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/v1/posts/CDJ/profiles/" + ApiServer.MonthText)).StatusCode);

        var list = Cli("keys", "list", "--db", server.Connection);
        Assert.Equal(0, list.Code);
        Assert.Contains(name, list.Output, StringComparison.Ordinal);
        var hash = ApiKeys.Hash(key);
        foreach (var secret in new[] { key, server.AdminKey, server.MnlKey, Convert.ToHexString(hash), Convert.ToHexStringLower(hash), Convert.ToBase64String(hash), ApiKeys.Prefix })
        {
            Assert.DoesNotContain(secret, list.Output + list.Error, StringComparison.Ordinal);
        }

        var revoked = Cli("keys", "revoke", name, "--db", server.Connection);
        Assert.True(revoked.Code == 0, $"keys revoke exited {revoked.Code}: {revoked.Error}");
        using var afterRevoke = await client.GetAsync(MnlProfile);
        await AssertProblemAsync(afterRevoke, HttpStatusCode.Unauthorized);

        var nope = Cli("keys", "issue", "--post", "NOPE", "--db", server.Connection);
        Assert.Equal(2, nope.Code);
        Assert.Equal("", nope.Output);

        // A key that would never work is not issued; one that has expired (written to the store as it would be when its day came) gets 401.
        var dead = Cli("keys", "issue", "--post", "MNL", "--name", "dead", "--expires", "2020-01-01", "--db", server.Connection);
        Assert.Equal(2, dead.Code);
        Assert.Contains("--expires", dead.Error, StringComparison.Ordinal);
        Assert.Equal("", dead.Output);
        Assert.DoesNotContain(await server.Store.ListApiKeysAsync(), k => k.Name == "dead");
        var expired = ApiKeys.NewKey();
        await server.Store.AddApiKeyAsync("expired", ApiKeys.Hash(expired), "MNL", NodaTime.Instant.FromUtc(2020, 1, 1, 0, 0));
        using var afterExpiry = await server.NewClient(expired).GetAsync(MnlProfile);
        await AssertProblemAsync(afterExpiry, HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Audit_ShowsKeysProfilesAdministrationAndBatches_WithTheKeysName_AndNeverAKey()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var admin = server.NewClient(server.AdminKey);
        var issued = Cli("keys", "issue", "--post", "CDJ", "--name", "audit-cdj", "--db", server.Connection);
        Assert.Equal(0, issued.Code);
        Assert.Equal(0, Cli("keys", "revoke", "audit-cdj", "--db", server.Connection).Code);

        var (profile, etag) = await GetProfileAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await PutProfileAsync(server, WithApplicants(profile, 3), etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Put, "api/v1/months/" + ApiServer.MonthText, body: """{"asOf":"2026-11-16"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}/bulletin", body: Tiny("bulletin.csv"), mediaType: "text/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Put, $"api/v1/months/{ApiServer.MonthText}/numbers", body: Tiny("numbers.csv"), mediaType: "text/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Post, "api/v1/cases",
            body: JsonSerializer.Serialize(new { cases = Tiny("cases.csv"), applicants = Tiny("applicants.csv") }))).StatusCode);
        using var started = await SendAsync(admin, HttpMethod.Post, $"api/v1/months/{ApiServer.MonthText}/batches", body: """{"solver":"greedy"}""");
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
        var location = started.Headers.Location!.ToString();
        // Follow the batch to its end (the state, not the time), so the server stops with nothing running.
        using (var guard = new CancellationTokenSource(HangGuard))
        {
            while ((string?)JsonNode.Parse(await admin.GetStringAsync(location.TrimStart('/'), guard.Token))!["status"] == "running")
            {
                await Task.Delay(20, guard.Token);
            }
        }

        using var response = await SendAsync(admin, HttpMethod.Get, "api/v1/audit?limit=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var entries = JsonNode.Parse(text)!.AsArray().Select(e => e!.AsObject()).ToList();
        JsonObject One(string action, string target)
        {
            var found = entries.Where(e => (string?)e["action"] == action && (string?)e["target"] == target).ToList();
            Assert.True(found.Count >= 1, $"no {action} of {target} in the audit log: {text}");
            return found[0];
        }

        Assert.Equal("cli", (string?)One("key.issue", "key/audit-cdj")["actor"]);
        Assert.Equal("cli", (string?)One("key.revoke", "key/audit-cdj")["actor"]);
        Assert.Equal("tests", (string?)One("key.revoke", "key/" + ApiServer.KeyNames.Revoked)["actor"]);
        var put = One("profile.put", "MNL/" + ApiServer.MonthText);
        Assert.Equal(ApiServer.KeyNames.Mnl, (string?)put["actor"]);
        Assert.False(string.IsNullOrEmpty((string?)put["before"]), "profile.put without before");
        Assert.False(string.IsNullOrEmpty((string?)put["after"]), "profile.put without after");
        Assert.NotEqual((string?)put["before"], (string?)put["after"]);
        foreach (var (action, target) in new[]
        {
            ("month.put", ApiServer.MonthText), ("bulletin.put", ApiServer.MonthText), ("numbers.put", ApiServer.MonthText),
            ("cases.upsert", "cases"), ("batch.start", ApiServer.MonthText),
        })
        {
            Assert.Equal(ApiServer.KeyNames.Admin, (string?)One(action, target)["actor"]);
        }

        foreach (var key in new[] { server.AdminKey, server.MnlKey, server.CdjKey, server.ExpiredKey, server.RevokedKey, issued.Output.Trim() })
        {
            var hash = ApiKeys.Hash(key);
            foreach (var secret in new[] { key, Convert.ToHexString(hash), Convert.ToHexStringLower(hash), Convert.ToBase64String(hash) })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
        Assert.DoesNotContain(ApiKeys.Prefix, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteServerTests() : ServerContract(new SqliteTestDatabase());

public sealed class PostgresServerTests() : ServerContract(new PostgresTestDatabase());

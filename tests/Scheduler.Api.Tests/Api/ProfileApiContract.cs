using System.Net;
using System.Text.Json.Nodes;
using Scheduler.Api.Tests.Support;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using static Scheduler.Api.Tests.Support.Http;

namespace Scheduler.Api.Tests.Api;

/// <summary>PUT of a post's profile over HTTP: each validation rule is a 400 validation problem naming the field and
/// stores nothing; the preconditions (428, 412 with the current ETag), size (413), unknown post (404) and bad month
/// (400); two writers with the same ETag at once: exactly one wins, nothing is lost silently.</summary>
public abstract class ProfileApiContract(ITestDatabase database)
{
    /// <summary>A rule's name, how it breaks MNL's profile (as GET gives it), and the field the problem must name.</summary>
    private static readonly Dictionary<string, (Func<JsonObject, string> Break, string Field)> Rules = new()
    {
        ["share above 1"] = (p => { p["mix"]![0]!["max"] = 1.5; return p.ToJsonString(); }, "mix[0]"),
        ["targets of one dimension above 1"] = (p =>
        {
            p["mix"] = JsonNode.Parse("""[{"dimension":"group","value":"IR","target":0.6},{"dimension":"group","value":"F4","target":0.6}]""");
            return p.ToJsonString();
        }, "mix"),
        ["negative capacity"] = (p => { p["sessions"]![0]!["applicants"] = -1; return p.ToJsonString(); }, "sessions[0]"),
        ["closed day outside the month"] = (p => { p["closed"]!.AsArray().Add("2027-01-05"); return p.ToJsonString(); }, "closed"),
        ["day override outside the month"] = (p =>
        {
            p["days"] = JsonNode.Parse("""{"2027-01-05":[{"start":"08:00","applicants":2}]}""");
            return p.ToJsonString();
        }, "days"),
        ["duplicate session starts"] = (p =>
        {
            p["sessions"] = JsonNode.Parse("""[{"start":"07:30","applicants":2},{"start":"07:30","applicants":3}]""");
            return p.ToJsonString();
        }, "sessions"),
        ["unknown dimension"] = (p => { p["mix"]![0]!["dimension"] = "shoeSize"; return p.ToJsonString(); }, "mix[0]"),
        ["unknown time zone"] = (p => { p["timeZone"] = "Mars/Olympus_Mons"; return p.ToJsonString(); }, "timeZone"),
        ["malformed JSON"] = (p => p.ToJsonString()[..^5], "body"),
        ["code differs from the URL"] = (p => { p["code"] = "CDJ"; return p.ToJsonString(); }, "code"),
        ["misspelt property"] = (p => { p["sesions"] = p["sessions"]!.DeepClone(); p.Remove("sessions"); return p.ToJsonString(); }, "sesions"),
        ["misspelt property of a session"] = (p => { p["sessions"]![0]!["aplicants"] = 3; return p.ToJsonString(); }, "sessions[0].aplicants"),
        ["unknown weekend day"] = (p => { p["weekend"] = JsonNode.Parse("""["Saturday","Caturday"]"""); return p.ToJsonString(); }, "weekend[1]"),
        ["name changed"] = (p => { p["name"] = "Somewhere else"; return p.ToJsonString(); }, "name"),
        ["time zone changed"] = (p => { p["timeZone"] = (string?)p["timeZone"] == "Europe/Paris" ? "Asia/Tokyo" : "Europe/Paris"; return p.ToJsonString(); }, "timeZone"),
        ["serves changed"] = (p => { p["serves"] = JsonNode.Parse("""["ZZ"]"""); return p.ToJsonString(); }, "serves"),
    };

    public static TheoryData<string> RuleNames() => new(Rules.Keys);

    [SkippableTheory]
    [MemberData(nameof(RuleNames))]
    public async Task Put_BreakingARule_Is400NamingTheField_AndStoresNothing(string rule)
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        var history = await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month);
        var audit = await server.Store.ReadAuditAsync(SchedulerStore.ProfileTarget("MNL", ApiServer.Month));

        var (breakIt, field) = Rules[rule];
        using var response = await PutProfileAsync(server, breakIt(profile), etag);
        await AssertValidationProblemAsync(response, field);

        Assert.Equal(history, await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month));
        Assert.Equal(audit, await server.Store.ReadAuditAsync(SchedulerStore.ProfileTarget("MNL", ApiServer.Month)));
        Assert.Equal(etag, (await GetProfileAsync(server)).ETag);
    }

    [SkippableFact]
    public async Task Put_MisspeltProperties_Are400NamingEachOne_AndTheProfileKeepsItsSessions()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        var body = profile.DeepClone().AsObject();
        body["sesions"] = body["sessions"]!.DeepClone();
        body.Remove("sessions");
        body.Remove("minNoticeDays");
        body["minNoticDays"] = 3;

        var errors = await AssertValidationProblemAsync(await PutProfileAsync(server, body.ToJsonString(), etag), "sesions");

        Assert.Contains("minNoticDays", errors.Select(e => e.Key));
        Assert.Contains("unknown property", (string?)errors["sesions"]![0], StringComparison.Ordinal);
        var (after, afterETag) = await GetProfileAsync(server);
        Assert.Equal(etag, afterETag);
        Assert.NotEmpty(after["sessions"]!.AsArray());
    }

    [SkippableFact]
    public async Task Put_BadCapacityAndADuplicateStart_ReportsBoth()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        profile["sessions"] = JsonNode.Parse("""[{"start":"08:00","applicants":-5},{"start":"08:00","applicants":10}]""");

        var errors = await AssertValidationProblemAsync(await PutProfileAsync(server, profile.ToJsonString(), etag), "sessions[0].applicants");

        Assert.Contains("duplicate start 08:00", (string?)errors["sessions[1]"]![0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Put_UnknownWeekendDay_NamesItsIndexAndValue()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        profile["weekend"] = JsonNode.Parse("""["Saturday","Caturday"]""");

        var errors = await AssertValidationProblemAsync(await PutProfileAsync(server, profile.ToJsonString(), etag), "weekend[1]");

        Assert.Contains("'Caturday'", (string?)errors["weekend[1]"]![0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Get_SaysWhichMonthsUploadIsInEffect_AndWhichBatchFrozeTheMonth()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        using var january = await SendAsync(server.Client, HttpMethod.Get, "api/v1/posts/MNL/profiles/2027-01", server.MnlKey);
        Assert.Equal(ApiServer.MonthText, january.Headers.GetValues("Profile-From").Single());
        using var december = await SendAsync(server.Client, HttpMethod.Get, MnlProfile, server.MnlKey);
        Assert.Equal(ApiServer.MonthText, december.Headers.GetValues("Profile-From").Single());
        Assert.False(december.Headers.Contains("Profile-Frozen-By"));

        var batch = await server.CommitBatchAsync();

        using var frozen = await SendAsync(server.Client, HttpMethod.Get, MnlProfile, server.MnlKey);
        Assert.Equal(batch.BatchId.ToString(), frozen.Headers.GetValues("Profile-Frozen-By").Single());
        Assert.False(january.Headers.Contains("Profile-Frozen-By"));
    }

    [SkippableFact]
    public async Task Put_IdentityAsGetGivesIt_IsAccepted()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        Assert.NotNull(profile["name"]);

        using var response = await PutProfileAsync(server, WithApplicants(profile, 7), etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Put_IfMatchList_MatchesWhenAnyMemberMatches_StarMatches_WeakNever()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);

        using var list = await PutProfileAsync(server, WithApplicants(profile, 3), $"\"zzz\", {etag}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var current = list.Headers.ETag!.ToString();

        using var weak = await PutProfileAsync(server, WithApplicants(profile, 4), "W/" + current);
        await AssertProblemAsync(weak, HttpStatusCode.PreconditionFailed);
        using var none = await PutProfileAsync(server, WithApplicants(profile, 4), "\"zzz\", \"yyy\"");
        await AssertProblemAsync(none, HttpStatusCode.PreconditionFailed);
        Assert.Equal(current, (await GetProfileAsync(server)).ETag);

        await AssertValidationProblemAsync(await PutProfileAsync(server, WithApplicants(profile, 4), "not-quoted"), "If-Match");
        Assert.Equal(current, (await GetProfileAsync(server)).ETag);

        using var star = await PutProfileAsync(server, WithApplicants(profile, 5), "*");
        Assert.Equal(HttpStatusCode.OK, star.StatusCode);
        Assert.Equal(5, (int)(await GetProfileAsync(server)).Profile["sessions"]![0]!["applicants"]!);
    }

    [SkippableFact]
    public async Task Put_WithoutAKey_Is401WhateverTheMediaType_WithAKeyAWrongMediaTypeIs415()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        var bulletin = $"api/v1/months/{ApiServer.MonthText}/bulletin";
        var numbers = $"api/v1/months/{ApiServer.MonthText}/numbers";

        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Put, bulletin, body: "x", mediaType: "application/json"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Put, numbers, body: "x", mediaType: "text/plain"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Put, MnlProfile, body: "x", mediaType: "text/plain", ifMatch: etag), HttpStatusCode.Unauthorized);

        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Put, bulletin, server.AdminKey, Tiny("bulletin.csv"), "application/json"), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Put, MnlProfile, server.MnlKey, WithApplicants(profile, 3), "text/plain", etag),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(etag, (await GetProfileAsync(server)).ETag);
    }

    [SkippableFact]
    public async Task Put_Preconditions_Size_UnknownPost_AndBadMonth_AreProblems()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var (profile, etag) = await GetProfileAsync(server);
        var history = await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month);

        // No If-Match: 428.
        await AssertProblemAsync(await PutProfileAsync(server, WithApplicants(profile, 3), null), HttpStatusCode.PreconditionRequired);
        Assert.Equal(history, await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month));

        // An upload, then one with the ETag it replaced: 412 carrying the current ETag.
        using var ok = await PutProfileAsync(server, WithApplicants(profile, 3), etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var current = ok.Headers.ETag!.ToString();
        Assert.NotEqual(etag, current);
        using var stale = await PutProfileAsync(server, WithApplicants(profile, 4), etag);
        await AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(current, stale.Headers.ETag?.ToString());
        Assert.Equal(history.Count + 1, (await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month)).Count);
        Assert.Equal(3, (int)(await GetProfileAsync(server)).Profile["sessions"]![0]!["applicants"]!);

        // Over 256 KB (valid JSON padded with spaces): 413, nothing stored.
        var big = WithApplicants(profile, 5);
        big = big[..^1] + new string(' ', 300 * 1024) + "}";
        using var tooLarge = await PutProfileAsync(server, big, current);
        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(current, (await GetProfileAsync(server)).ETag);

        // An unknown post, with the administrators' key: 404 for GET and PUT.
        const string unknown = "api/v1/posts/XYZ/profiles/" + ApiServer.MonthText;
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Get, unknown, server.AdminKey), HttpStatusCode.NotFound);
        var xyz = profile.DeepClone().AsObject();
        xyz["code"] = "XYZ";
        await AssertProblemAsync(await PutProfileAsync(server, xyz.ToJsonString(), current, server.AdminKey, unknown), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Get, unknown + "/history", server.AdminKey), HttpStatusCode.NotFound);

        // A bad month: 400, for GET and PUT.
        foreach (var month in new[] { "2026-13", "december", "2026-1" })
        {
            var path = "api/v1/posts/MNL/profiles/" + month;
            await AssertProblemAsync(await SendAsync(server.Client, HttpMethod.Get, path, server.MnlKey), HttpStatusCode.BadRequest);
            await AssertProblemAsync(await PutProfileAsync(server, WithApplicants(profile, 6), current, path: path), HttpStatusCode.BadRequest);
        }
        Assert.Equal(history.Count + 1, (await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month)).Count);
    }

    [SkippableFact]
    public async Task Put_TwoWritersWithTheSameETagAtOnce_ExactlyOneWins_AndTheLoserSeesTheWinner()
    {
        await using var server = await ApiServer.StartAsync(new ApiServerOptions { Database = database });
        var target = SchedulerStore.ProfileTarget("MNL", ApiServer.Month);
        // Each writer its own connection, as two people's browsers would be.
        var first = server.NewClient(server.MnlKey);
        var second = server.NewClient(server.AdminKey);
        for (var round = 0; round < 5; round++)
        {
            var (profile, etag) = await GetProfileAsync(server);
            var history = await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month);
            var audit = await server.Store.ReadAuditAsync(target, limit: 1000);
            int a = 10 + (2 * round), b = 11 + (2 * round);

            var responses = await Task.WhenAll(
                SendAsync(first, HttpMethod.Put, MnlProfile, body: WithApplicants(profile, a), ifMatch: etag),
                SendAsync(second, HttpMethod.Put, MnlProfile, body: WithApplicants(profile, b), ifMatch: etag));

            var statuses = responses.Select(r => r.StatusCode).ToArray();
            Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.PreconditionFailed) == 1,
                $"round {round}: expected one 200 and one 412, got {string.Join(", ", statuses.Select(s => (int)s))}: "
                + string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
            var winner = Array.FindIndex(statuses, s => s == HttpStatusCode.OK);
            var winning = winner == 0 ? a : b;
            var loser = responses[1 - winner];
            await AssertProblemAsync(loser, HttpStatusCode.PreconditionFailed);
            Assert.Equal(responses[winner].Headers.ETag!.ToString(), loser.Headers.ETag?.ToString());

            var after = await server.Store.ProfileHistoryAsync("MNL", ApiServer.Month);
            Assert.Equal(history.Count + 1, after.Count);
            Assert.Equal(responses[winner].Headers.ETag!.ToString(), after[0].ETag);
            var puts = (await server.Store.ReadAuditAsync(target, limit: 1000)).Where(e => e.Action == "profile.put").ToList();
            var added = puts.Where(e => !audit.Any(old => old.Id == e.Id)).ToList();
            var entry = Assert.Single(added);
            Assert.NotNull(entry.Before);
            Assert.NotNull(entry.After);
            Assert.Contains($"\"applicants\":{winning}", entry.After.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

            // The loser reads the winner's content, with the ETag its 412 gave.
            var loserClient = winner == 0 ? second : first;
            using var reread = await SendAsync(loserClient, HttpMethod.Get, MnlProfile);
            Assert.Equal(HttpStatusCode.OK, reread.StatusCode);
            Assert.Equal(loser.Headers.ETag!.ToString(), reread.Headers.ETag?.ToString());
            Assert.Equal(winning, (int)JsonNode.Parse(await reread.Content.ReadAsStringAsync())!["sessions"]![0]!["applicants"]!);
            foreach (var response in responses)
                response.Dispose();
        }
    }
}

public sealed class SqliteProfileApiTests() : ProfileApiContract(new SqliteTestDatabase());

public sealed class PostgresProfileApiTests() : ProfileApiContract(new PostgresTestDatabase());

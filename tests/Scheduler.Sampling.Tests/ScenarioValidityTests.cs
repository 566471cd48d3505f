using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;

namespace Scheduler.Sampling.Tests;

/// <summary>Every row is valid per the spec's "Bad input" section, for several seeds.</summary>
public partial class ScenarioValidityTests
{
    private static readonly string[] Categories = ["IR", "F1", "F2A", "F2B", "F3", "F4", "EB1", "EB2", "EB3", "EW", "EB4", "EB5"];
    private static readonly string[] Dimensions = ["group", "category", "visaClass", "chargeability", "systemSource", "language"];

    public static TheoryData<SampleProfile, int> Samples() => new()
    {
        { SampleProfile.Tiny, 1 }, { SampleProfile.Tiny, 2 }, { SampleProfile.Tiny, 3 }, { SampleProfile.Tiny, 4 },
        { SampleProfile.Small, 1 }, { SampleProfile.Medium, 3 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Cases_EveryRow_IsValid(SampleProfile profile, int seed)
    {
        var sample = ScenarioFolder.Get(profile, seed);
        var cases = sample.Cases;
        var postCodes = sample.Posts.Select(p => p.GetProperty("code").GetString()).ToHashSet();
        Assert.Equal(cases.Rows.Count, cases.Column("case_id").Distinct().Count());
        foreach (var c in cases.Rows)
        {
            Assert.Equal(cases.Header.Length, c.Length);
            Assert.Contains(cases[c, "category"], Categories);
            Assert.Matches(VisaClass(), cases[c, "visa_class"]);
            Assert.True(ScenarioFolder.Date(cases[c, "priority_date"]) < ScenarioFolder.AsOf);
            Assert.Matches(Country(), cases[c, "chargeability"]);
            Assert.Matches(Country(), cases[c, "residence"]);
            Assert.Matches(Country(), cases[c, "nationality"]);
            Assert.Matches(Language(), cases[c, "language"]);
            Assert.Contains(cases[c, "system_source"], new[] { "IVIS", "PIVOT" });
            Assert.Contains(cases[c, "expedite"], new[] { "Y", "N" });
            OptionalDate(cases[c, "dq_date"]);
            OptionalDate(cases[c, "interview_by"]);
            if (cases[c, "post"] is { Length: > 0 } post)
            {
                Assert.Contains(post, postCodes);
            }
            if (cases[c, "dq_date"] is { Length: > 0 } dq)
            {
                Assert.True(ScenarioFolder.Date(dq) > ScenarioFolder.Date(cases[c, "priority_date"]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Applicants_EveryCase_HasExactlyOnePrincipal(SampleProfile profile, int seed)
    {
        var sample = ScenarioFolder.Get(profile, seed);
        var applicants = sample.Applicants;
        var caseIds = sample.Cases.Column("case_id").ToHashSet();
        Assert.Equal(applicants.Rows.Count, applicants.Column("applicant_id").Distinct().Count());
        Assert.All(applicants.Column("case_id"), id => Assert.Contains(id, caseIds));
        Assert.All(applicants.Column("role"), role => Assert.Contains(role, new[] { "P", "S", "C" }));
        Assert.All(applicants.Column("traveling"), t => Assert.Contains(t, new[] { "Y", "N" }));
        Assert.All(applicants.Column("birth_date"), d => ScenarioFolder.Date(d));
        Assert.All(applicants.Column("docs_expire"), OptionalDate);
        var families = applicants.Rows.GroupBy(a => applicants[a, "case_id"]).ToList();
        Assert.Equal(caseIds.Count, families.Count);
        Assert.All(families, f => Assert.Single(f, a => applicants[a, "role"] == "P"));
        Assert.All(families, f => Assert.InRange(f.Count(), 1, 6));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Posts_EveryPost_IsValid(SampleProfile profile, int seed)
    {
        var posts = ScenarioFolder.Get(profile, seed).Posts;
        Assert.Equal(posts.Length, posts.Select(p => p.GetProperty("code").GetString()).Distinct().Count());
        foreach (var post in posts)
        {
            Assert.Matches("^[A-Z]{3}$", post.GetProperty("code").GetString());
            Assert.NotNull(DateTimeZoneProviders.Tzdb.GetZoneOrNull(post.GetProperty("timeZone").GetString()!));
            Assert.All(ScenarioFolder.Strings(post, "weekend"), d => Enum.Parse<IsoDayOfWeek>(d));
            Assert.All(ScenarioFolder.Strings(post, "closed"), d => ScenarioFolder.Date(d));
            Assert.Contains(post.GetProperty("country").GetString(), ScenarioFolder.Strings(post, "serves"));
            Assert.InRange(post.GetProperty("minNoticeDays").GetInt32(), 30, 45);
            AssertSessions(post.GetProperty("sessions"), allowEmpty: false);
            foreach (var day in post.GetProperty("days").EnumerateObject())
            {
                ScenarioFolder.Date(day.Name);
                AssertSessions(day.Value, allowEmpty: true);
            }
            foreach (var rule in post.GetProperty("mix").EnumerateArray())
            {
                Assert.Contains(rule.GetProperty("dimension").GetString(), Dimensions);
                var share = rule.TryGetProperty("max", out var max) ? max.GetDouble() : rule.GetProperty("target").GetDouble();
                Assert.InRange(share, 0.01, 1.0);
            }
            Assert.True(ScenarioFolder.Seats(post) > 0, $"{post.GetProperty("code")} offers no seats");
        }
    }

    [Fact]
    public void BulletinAndNumbers_Rows_UseKnownCategoriesAndValues()
    {
        var sample = ScenarioFolder.Get(SampleProfile.Small, 1);
        Assert.Equal(55, sample.Bulletin.Rows.Count);
        foreach (var row in sample.Bulletin.Rows)
        {
            Assert.Contains(sample.Bulletin[row, "category"], Categories);
            Assert.Contains(sample.Bulletin[row, "chargeability"], new[] { "ALL", "CN", "IN", "MX", "PH" });
            Assert.Matches(@"^(C|U|\d{4}-\d{2}-\d{2})$", sample.Bulletin[row, "final_action"]);
            Assert.Matches(@"^(C|U|\d{4}-\d{2}-\d{2})$", sample.Bulletin[row, "dates_for_filing"]);
        }
        foreach (var row in sample.Numbers.Rows)
        {
            Assert.Contains(sample.Numbers[row, "category"], Categories.Skip(1));
            Assert.True(int.Parse(sample.Numbers[row, "available"]) >= 0);
        }
    }

    private static void AssertSessions(JsonElement sessions, bool allowEmpty)
    {
        var starts = sessions.EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        Assert.True(allowEmpty || starts.Count > 0);
        Assert.Equal(starts.Count, starts.Distinct().Count());
        Assert.All(starts, s => Assert.Matches("^[0-2][0-9]:[0-5][0-9]$", s));
        Assert.All(sessions.EnumerateArray(), s => Assert.True(s.GetProperty("applicants").GetInt32() > 0));
    }

    private static void OptionalDate(string text)
    {
        if (text.Length > 0)
        {
            ScenarioFolder.Date(text);
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex Language();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,2}$")]
    private static partial Regex VisaClass();
}

namespace Scheduler.Sampling.Tests;

/// <summary>Cases without a post: routed to designated posts, to the post serving their residence,
/// or (Afghans and Haitians) to none.</summary>
public class RoutingTests
{
    [Theory]
    [InlineData(SampleProfile.Tiny, 1)]
    [InlineData(SampleProfile.Small, 1)]
    [InlineData(SampleProfile.Medium, 3)]
    public void Write_DesignatedPosts_ReceiveCasesFromSuspendedCountries(SampleProfile profile, int seed)
    {
        var sample = ScenarioFolder.Get(profile, seed);
        var cases = sample.Cases;
        var designated = sample.Posts.Where(p => ScenarioFolder.Strings(p, "designatedFor").Length > 0).ToList();
        Assert.NotEmpty(designated);
        var routed = cases.Rows.Where(c => cases[c, "post"] == ""
            && designated.Any(p => ScenarioFolder.Strings(p, "designatedFor").Contains(cases[c, "residence"]))).ToList();
        Assert.NotEmpty(routed);
        Assert.All(routed, c => Assert.Contains(sample.PostOf(c), designated.Select(p => p.GetProperty("code").GetString())));
    }

    [Theory]
    [InlineData(SampleProfile.Tiny, 1)]
    [InlineData(SampleProfile.Small, 1)]
    public void Write_AfghanAndHaitianCases_HaveNoPost(SampleProfile profile, int seed)
    {
        var sample = ScenarioFolder.Get(profile, seed);
        var cases = sample.Cases;
        var stranded = cases.Rows.Where(c => sample.PostOf(c) is null).ToList();
        Assert.NotEmpty(stranded);
        Assert.All(stranded, c => Assert.Contains(cases[c, "residence"], new[] { "AF", "HT" }));
        Assert.All(stranded, c => Assert.Equal("IR", cases[c, "category"]));
    }

    [Fact]
    public void Write_SomeOrdinaryCases_LeaveThePostToTheEngine()
    {
        var sample = ScenarioFolder.Get(SampleProfile.Small, 1);
        var cases = sample.Cases;
        var assigned = cases.Rows.Where(c => cases[c, "post"] == "" && sample.PostOf(c) is { } post
            && sample.Posts.Single(p => p.GetProperty("code").GetString() == post).GetProperty("country").GetString() == cases[c, "residence"]).Count();
        Assert.InRange(assigned, cases.Rows.Count / 50, cases.Rows.Count / 5);
        Assert.True(cases.Rows.Count(c => cases[c, "post"] != "") > cases.Rows.Count * 0.8);
    }
}

using NodaTime;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Tests.Reference;

public class PostReferenceTableTests
{
    [Fact]
    public void All_Posts_Are130WithUniqueCodesAndKnownZones()
    {
        var posts = PostReferenceTable.All;
        Assert.Equal(130, posts.Count);
        Assert.Equal(130, posts.Select(p => p.Code).Distinct().Count());
        Assert.All(posts, p => Assert.NotNull(DateTimeZoneProviders.Tzdb.GetZoneOrNull(p.TimeZone)));
        Assert.All(posts, p => Assert.Equal(Categories.Count, p.PrincipalIssuances.Length));
        Assert.All(posts, p => Assert.Equal(p.Country, p.Serves[0]));
    }

    [Fact]
    public void All_PostsInSuspendedCountries_AreLeftOut()
    {
        string[] suspended = ["AF", "BY", "ER", "HT", "IR", "LY", "KP", "RU", "SO", "SS", "SD", "SY", "UA", "VE", "YE"];
        Assert.DoesNotContain(PostReferenceTable.All, p => suspended.Contains(p.Country) || p.Serves.Any(suspended.Contains));
    }

    /// <summary>The designations of 9 FAM 504.4-8(E)(1) as of CT:VISA-2098 (11-01-2024).</summary>
    [Theory]
    [InlineData("IR", "ABD,ANK,YRV")]
    [InlineData("BY", "WRW")]
    [InlineData("RU", "WRW,ALM,TSK")]
    [InlineData("UA", "FRN,WRW")]
    [InlineData("SO", "NRB")]
    [InlineData("SS", "NRB")]
    [InlineData("ER", "ADD,NRB")]
    [InlineData("SD", "CRO")]
    [InlineData("SY", "AMM,BRT")]
    [InlineData("VE", "BGT")]
    [InlineData("YE", "DJI")]
    [InlineData("LY", "TNS")]
    [InlineData("KP", "GUZ")]
    public void All_Designations_Follow9Fam(string country, string posts)
    {
        var designated = PostReferenceTable.All.Where(p => p.DesignatedFor.Any(d => d.Country == country)).Select(p => p.Code).Order();
        Assert.Equal(posts.Split(',').Order(), designated);
    }

    [Theory]
    [InlineData("CRO", IsoDayOfWeek.Friday)]
    [InlineData("AMM", IsoDayOfWeek.Friday)]
    [InlineData("DHK", IsoDayOfWeek.Friday)]
    [InlineData("ABD", IsoDayOfWeek.Saturday)]
    [InlineData("CDJ", IsoDayOfWeek.Saturday)]
    public void Get_Weekend_StartsOnTheLocalDay(string code, IsoDayOfWeek first)
    {
        var post = PostReferenceTable.Get(code);
        Assert.Equal(first, post.Weekend[0]);
        Assert.Equal(2, post.Weekend.Length);
    }

    [Fact]
    public void Get_CiudadJuarez_IsTheLargestPost()
    {
        Assert.Equal("CDJ", PostReferenceTable.All[0].Code);
        Assert.Equal(0.611, PostReferenceTable.Get("CDJ").ImmediateRelativeShare, 3);
    }
}

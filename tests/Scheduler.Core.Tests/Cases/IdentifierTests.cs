using Scheduler.Core.Cases;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Tests.Cases;

/// <summary>Case ids, post codes and chargeabilities: normalised once, when made.</summary>
public class IdentifierTests
{
    [Fact]
    public void PostCode_AnyCase_IsTheSameUpperCasePost()
    {
        Assert.Equal(new PostCode("MNL"), new PostCode("mnl"));
        Assert.Equal("MNL", new PostCode("Mnl").Value);
        Assert.Equal("MNL", new PostCode("mnl").ToString());
    }

    [Fact]
    public void Chargeability_AnyCase_IsTheSameUpperCaseState()
    {
        Assert.Equal(new Chargeability("PH"), new Chargeability("ph"));
        Assert.True(new Chargeability("all").IsAll);
        Assert.Equal(Chargeability.All, new Chargeability("All"));
    }

    [Fact]
    public void CaseId_DiffersByCase_IsAnotherCase()
    {
        Assert.NotEqual(new CaseId("mnl2026000001"), new CaseId("MNL2026000001"));
        Assert.True(new CaseId("A-2").CompareTo(new CaseId("A-10")) > 0);   // ordinal, as case ids sort everywhere
    }

    [Fact]
    public void Defaults_AreEmptyNotNull()
    {
        Assert.Equal("", default(CaseId).Value);
        Assert.Equal("", default(PostCode).Value);
        Assert.Equal("", default(Chargeability).Code);
    }
}

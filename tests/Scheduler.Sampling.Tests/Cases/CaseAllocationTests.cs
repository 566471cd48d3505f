using Scheduler.Sampling.Cases;
using Scheduler.Sampling.Posts;
using Scheduler.Sampling.Profiles;

namespace Scheduler.Sampling.Tests.Cases;

public class CaseAllocationTests
{
    [Theory]
    [InlineData(SampleProfile.Tiny)]
    [InlineData(SampleProfile.Small)]
    [InlineData(SampleProfile.Medium)]
    [InlineData(SampleProfile.National)]
    public void For_AnyProfile_SumsToItsCasesWithTheMinimumEach(SampleProfile profile)
    {
        var shape = ProfileShape.For(profile);
        var counts = CaseAllocation.For(PostSelection.For(profile), shape);
        Assert.Equal(shape.CaseCount, counts.Sum());
        Assert.All(counts, c => Assert.True(c >= shape.MinimumCasesPerPost));
    }

    [Fact]
    public void For_National_CiudadJuarezIsAboutAnEighthOfTheCases()
    {
        var counts = CaseAllocation.For(PostSelection.For(SampleProfile.National), ProfileShape.For(SampleProfile.National));
        Assert.InRange(counts[0], 250_000 / 10, 250_000 / 6);
    }
}

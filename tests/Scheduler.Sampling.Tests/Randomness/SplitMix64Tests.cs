using Scheduler.Sampling.Randomness;

namespace Scheduler.Sampling.Tests.Randomness;

public class SplitMix64Tests
{
    /// <summary>The reference outputs of SplitMix64 for seed 0 (Vigna's splitmix64.c).</summary>
    [Fact]
    public void NextUInt64_SeedZero_MatchesTheReferenceSequence()
    {
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void Next_Bound_StaysInRange()
    {
        var random = new SplitMix64(42);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.Next(3, 9), 3, 8);
            Assert.InRange(random.NextDouble(), 0.0, 0.9999999999);
        }
    }

    [Fact]
    public void For_DifferentStreams_GiveDifferentSequences()
    {
        var cases = SplitMix64.For(1, SampleProfile.Small, RandomStream.Cases);
        var posts = SplitMix64.For(1, SampleProfile.Small, RandomStream.Posts);
        Assert.NotEqual(cases.NextUInt64(), posts.NextUInt64());
    }
}

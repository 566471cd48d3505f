using System.Runtime;
using Scheduler.Storage.Read;

namespace Scheduler.Storage.Tests;

/// <summary>The collector hold is the process's, so these run alone: a store read of another test at the same moment
/// would hold it first.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CollectorHoldCollection
{
    public const string Name = "collector hold (alone)";
}

[Collection(CollectorHoldCollection.Name)]
public sealed class CollectorHoldTests
{
    [Fact]
    public void Begin_HoldsTheCollectorUntilDisposed()
    {
        Assert.False(GCSettings.IsServerGC);
        int collections;
        using (var hold = CollectorHold.Begin(64L * 1024 * 1024))
        {
            Assert.True(hold.Began);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            collections = GC.CollectionCount(0);
            Keep(Allocate(16L * 1024 * 1024));
            Assert.Equal(collections, GC.CollectionCount(0));
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        // The read pays for moving what it kept out of the first generation: one collection at its end.
        Assert.True(GC.CollectionCount(0) > collections);
    }

    [Fact]
    public void Begin_WhileAnotherReadHolds_HoldsNothingAndLeavesTheFirstHeld()
    {
        using var first = CollectorHold.Begin(64L * 1024 * 1024);
        Assert.True(first.Began);
        using (var second = CollectorHold.Begin(64L * 1024 * 1024))
            Assert.False(second.Began);
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Dispose_AfterTheReadOutgrewItsBudget_EndsQuietly_AndTheNextReadHoldsAgain()
    {
        using (var hold = CollectorHold.Begin(8L * 1024 * 1024))
        {
            Assert.True(hold.Began);
            var collections = GC.CollectionCount(0);
            for (var i = 0; i < 8; i++)
                Keep(Allocate(4L * 1024 * 1024));
            // The read did outgrow it: the runtime collected inside the hold.
            Assert.True(GC.CollectionCount(0) > collections);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        using var next = CollectorHold.Begin(64L * 1024 * 1024);
        Assert.True(next.Began);
    }

    private static object[] Allocate(long bytes)
    {
        // Small arrays, as a read makes: the first generation's, not the large object heap's.
        var count = (int)(bytes / 8192);
        var kept = new object[count];
        for (var i = 0; i < count; i++)
            kept[i] = new byte[8000];
        return kept;
    }

    private static object? _kept;

    private static void Keep(object value) => _kept = value;
}

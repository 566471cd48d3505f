using Scheduler.Core.Categories;
using Scheduler.Core.Numbers;

namespace Scheduler.Core.Tests.Numbers;

public class VisaNumberLimitsTests
{
    private static readonly VisaNumberLimits Limits = new([
        KeyValuePair.Create(new VisaNumberPoolKey(VisaCategory.F4, "ALL"), 10),
        KeyValuePair.Create(new VisaNumberPoolKey(VisaCategory.F4, "MX"), 4),
        KeyValuePair.Create(new VisaNumberPoolKey(VisaCategory.EB3, "IN"), 2),
    ]);

    [Fact]
    public void PoolFor_CountryWithOwnRow_UsesOwnPool() =>
        Assert.Equal(new VisaNumberPoolKey(VisaCategory.F4, "MX"), Limits.PoolFor(VisaCategory.F4, "MX"));

    [Fact]
    public void PoolFor_OtherCountry_UsesAllPool() =>
        Assert.Equal(new VisaNumberPoolKey(VisaCategory.F4, "ALL"), Limits.PoolFor(VisaCategory.F4, "PH"));

    [Fact]
    public void PoolFor_CategoryWithoutRows_IsUnlimited() => Assert.Null(Limits.PoolFor(VisaCategory.F2A, "MX"));

    [Fact]
    public void PoolFor_CappedCategoryWithoutOwnOrAllRow_HasZeroNumbers()
    {
        var pool = Limits.PoolFor(VisaCategory.EB3, "CN");
        Assert.NotNull(pool);
        Assert.Equal(0, Limits.Available(pool.Value));
    }

    [Fact]
    public void PoolFor_ImmediateRelative_IsUnlimited() => Assert.Null(Limits.PoolFor(VisaCategory.IR, "MX"));
}

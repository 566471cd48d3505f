using Scheduler.Core.Cases;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Tests.Bulletin;

public class VisaBulletinTests
{
    private static readonly VisaBulletin Bulletin = new([
        KeyValuePair.Create((VisaCategory.F4, (Chargeability)"ALL"), FinalActionDate.Before(new LocalDate(2008, 1, 8))),
        KeyValuePair.Create((VisaCategory.F4, (Chargeability)"MX"), FinalActionDate.Before(new LocalDate(2001, 4, 30))),
        KeyValuePair.Create((VisaCategory.F1, (Chargeability)"PH"), FinalActionDate.Unavailable),
        KeyValuePair.Create((VisaCategory.F2A, (Chargeability)"ALL"), FinalActionDate.Current),
    ]);

    [Fact]
    public void IsCurrent_PriorityDateEqualToCutoff_IsNotCurrent() =>
        Assert.False(Bulletin.IsCurrent(VisaCategory.F4, "MX", new LocalDate(2001, 4, 30)));

    [Fact]
    public void IsCurrent_PriorityDateOneDayBeforeCutoff_IsCurrent() =>
        Assert.True(Bulletin.IsCurrent(VisaCategory.F4, "MX", new LocalDate(2001, 4, 29)));

    [Fact]
    public void IsCurrent_CountryWithoutOwnRow_UsesAllRow() =>
        Assert.True(Bulletin.IsCurrent(VisaCategory.F4, "IR", new LocalDate(2005, 1, 1)));

    [Fact]
    public void IsCurrent_CountryWithOwnRow_IgnoresAllRow() =>
        Assert.False(Bulletin.IsCurrent(VisaCategory.F4, "mx", new LocalDate(2005, 1, 1)));

    [Fact]
    public void IsCurrent_Unavailable_IsNeverCurrent() =>
        Assert.False(Bulletin.IsCurrent(VisaCategory.F1, "PH", new LocalDate(1990, 1, 1)));

    [Fact]
    public void IsCurrent_CurrentCell_AdmitsAnyDate() =>
        Assert.True(Bulletin.IsCurrent(VisaCategory.F2A, "MX", new LocalDate(2026, 11, 1)));

    [Fact]
    public void IsCurrent_MissingRow_IsNotCurrent() =>
        Assert.False(Bulletin.IsCurrent(VisaCategory.EB5, "IN", new LocalDate(1990, 1, 1)));

    [Fact]
    public void IsCurrent_ImmediateRelative_IsAlwaysCurrent() =>
        Assert.True(Bulletin.IsCurrent(VisaCategory.IR, "MX", new LocalDate(2026, 11, 1)));
}

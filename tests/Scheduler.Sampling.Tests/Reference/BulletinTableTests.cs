using NodaTime;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Tests.Reference;

public class BulletinTableTests
{
    [Fact]
    public void Cells_CoverElevenCategoriesInFiveColumns()
    {
        Assert.Equal(55, BulletinTable.Cells.Length);
        Assert.Equal(55, BulletinTable.Cells.Select(c => (c.Category, c.Area)).Distinct().Count());
    }

    [Fact]
    public void FinalAction_PriorityDateOnTheCutoff_IsNotCurrent()
    {
        var f4Mexico = BulletinTable.FinalAction(Category.F4, ChargeabilityArea.Of("MX"));
        Assert.Equal(new LocalDate(2001, 4, 8), f4Mexico.Date);
        Assert.True(f4Mexico.Admits(new LocalDate(2001, 4, 7)));
        Assert.False(f4Mexico.Admits(new LocalDate(2001, 4, 8)));
    }

    [Fact]
    public void FinalAction_CurrentAndUnavailableCells_AdmitAllAndNone()
    {
        Assert.True(BulletinTable.FinalAction(Category.EB1, ChargeabilityArea.Of("BR")).Admits(new LocalDate(2026, 1, 1)));
        Assert.False(BulletinTable.FinalAction(Category.EB2, ChargeabilityArea.Of("IN")).Admits(new LocalDate(2000, 1, 1)));
        Assert.True(BulletinTable.FinalAction(Category.IR, 0).Admits(new LocalDate(2026, 11, 1)));
    }
}

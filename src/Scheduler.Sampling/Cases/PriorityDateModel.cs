using NodaTime;
using Scheduler.Sampling.Calendar;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>Draws the documentarily-qualified date and the priority date of a case. DQ dates fall
/// mostly 1-18 months before asOf, with a few empty, a few after asOf and a few on it. Preference
/// priority dates straddle the bulletin's cut-off, densest just before it, so that most are current
/// and the rest are within the Dates-for-Filing window (which is when NVC asks for documents); a
/// handful sit exactly on the cut-off, which is not current. IR priority dates are the I-130 filing,
/// 5-25 months before DQ.</summary>
internal static class PriorityDateModel
{
    private const double CurrentShare = 0.6;
    private static readonly LocalDate AsOf = ScenarioDates.AsOf;

    public static void Draw(SampleCase sample, SplitMix64 random)
    {
        var qualified = DrawQualified(random);
        var category = sample.Category;
        if (category == Category.IR)
        {
            sample.PriorityDate = (qualified ?? AsOf).PlusDays(-random.Next(150, 750));
            sample.QualifiedDate = qualified;
            sample.IsCurrent = true;
            return;
        }

        var finalAction = BulletinTable.FinalAction(category, sample.Area);
        var priority = DrawPriority(finalAction, BulletinTable.DatesForFiling(category, sample.Area), random);
        // A petition filed in the last three months has not reached NVC yet, let alone qualified.
        priority = LocalDate.Min(priority, AsOf.PlusDays(-90 - random.Next(0, 30)));
        if (qualified is { } dq && dq < priority.PlusDays(60))
        {
            // Nobody is documentarily qualified within two months of filing the petition.
            qualified = priority.PlusDays(random.Next(60, 180));
        }
        sample.PriorityDate = priority;
        sample.QualifiedDate = qualified;
        sample.IsCurrent = finalAction.Admits(priority);
    }

    private static LocalDate? DrawQualified(SplitMix64 random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.020 => null,
            < 0.035 => AsOf.PlusDays(random.Next(1, 21)),
            < 0.040 => AsOf,
            < 0.120 => AsOf.PlusDays(-random.Next(1, 30)),
            _ => AsOf.PlusDays(-random.Next(30, 540)),
        };
    }

    private static LocalDate DrawPriority(BulletinCell finalAction, BulletinCell forFiling, SplitMix64 random)
    {
        if (finalAction.IsCurrent)
        {
            return AsOf.PlusDays(-random.Next(120, 1320));
        }
        if (finalAction.Date is not { } cutoff)
        {
            // Unavailable: cases wait somewhere before the Dates-for-Filing line.
            var line = forFiling.Date ?? AsOf.PlusDays(-400);
            return line.PlusDays(-random.Next(1, 1200));
        }
        if (random.Chance(0.003))
        {
            return cutoff;
        }
        if (random.Chance(CurrentShare))
        {
            // Squaring the uniform draw packs priority dates towards the cut-off, where most of the
            // documentarily qualified queue is; older ones have mostly been scheduled already.
            var u = random.NextDouble();
            return cutoff.PlusDays(-1 - (int)(u * u * 1800));
        }
        var window = forFiling.Date is { } filing && filing > cutoff ? Period.Between(cutoff, filing, PeriodUnits.Days).Days + 180 : 365;
        return cutoff.PlusDays(random.Next(1, window));
    }
}

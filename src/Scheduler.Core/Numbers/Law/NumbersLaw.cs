using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Core.Cases;

namespace Scheduler.Core.Numbers.Law;

/// <summary>Numbers already used this fiscal year: one <c>usage.csv</c> row.</summary>
public sealed record NumbersUsed(YearMonth Month, VisaCategory Category, Chargeability Chargeability, int Used);

/// <summary>Documentarily qualified demand for numbers: one case's traveling applicants.</summary>
public readonly record struct NumbersDemand(VisaCategory Category, Chargeability Chargeability, LocalDate PriorityDate, int Applicants);

/// <summary>How one category's numbers for the month were worked out.</summary>
/// <param name="Category">The category.</param>
/// <param name="AnnualLimit">Its annual limit before fall-down (F2A and F2B: their shares of F2; EW: its cap).</param>
/// <param name="FallDown">Numbers it received from other preferences this year.</param>
/// <param name="GivenDown">Numbers it passed on to other preferences (beyond its use and demand).</param>
/// <param name="UsedThisYear">Numbers used this fiscal year before this batch.</param>
/// <param name="UsedThisQuarter">Of those, in the month's quarter.</param>
/// <param name="QuarterCeiling">Most the quarter may use (27% of the year's in quarters 1-3, the rest in the 4th).</param>
/// <param name="Demand">Traveling applicants of documentarily qualified cases in the scenario.</param>
/// <param name="Month">Numbers this batch may allocate, all chargeabilities together.</param>
public sealed record CategoryNumbers(VisaCategory Category, int AnnualLimit, int FallDown, int GivenDown, int UsedThisYear, int UsedThisQuarter,
    int QuarterCeiling, int Demand, int Month);

/// <summary>The month's pools derived from the Act, with the figures that led to them.</summary>
/// <param name="Limits">The pools, as <c>numbers.csv</c> would give them.</param>
/// <param name="Categories">Per category, how its month's numbers were worked out.</param>
/// <param name="Oversubscribed">Countries whose use and demand exceed the per-country limit.</param>
/// <param name="F2AExemptCutoff">The F2A Final Action Date of the numbers exempt from the per-country limit.</param>
public sealed record DerivedNumbers(VisaNumberLimits Limits, IReadOnlyList<CategoryNumbers> Categories,
    IReadOnlyList<Chargeability> Oversubscribed, FinalActionDate F2AExemptCutoff);

/// <summary>Derives the month's visa-number pools from the Act (INA 201-203) and the numbers already
/// used this fiscal year. Reading of the Act, in order:
/// <list type="number">
/// <item><b>Fall-down.</b> A preference's numbers not required this year are those beyond its
/// documentarily qualified demand (the scenario's cases) and what it has used. Family: F4's go up to
/// F1 (INA 203(a)(1)), F1's down to F2, F2's to F3, F3's to F4; employment: EB4's and EB5's go to
/// EB1 (INA 203(b)(1)), EB1's to EB2, EB2's to EB3. F2A is 77% of F2 (INA 203(a)(2)(A)), F2B the rest;
/// other workers take at most 10,000 of EB3.</item>
/// <item><b>Quarters.</b> The fiscal year begins 1 October; in each of its first three quarters a
/// category may use at most 27% of its year's numbers (INA 201(a)(2)), in the fourth all that is left.
/// The month may use what its quarter and its year both have left.</item>
/// <item><b>Per country.</b> A country is oversubscribed when its use this year and its demand
/// together exceed 7% of both levels (INA 202(a)(2)); its numbers are then prorated across the
/// preferences in the worldwide proportions (INA 202(e)), and it gets its own pool per category.
/// The rest of the world shares the <c>ALL</c> pool.</item>
/// <item><b>F2A.</b> 75% of F2A numbers are exempt from the per-country limit (INA 202(a)(4)): they go
/// to F2A demand worldwide in priority-date order, whole priority dates at a time, which gives the
/// exempt Final Action Date; an oversubscribed country's F2A pool is its cases' share of the exempt
/// numbers plus its prorated share of the 25% subject to the limit.</item>
/// </list></summary>
public static class NumbersLaw
{
    /// <summary>Derives the pools of <paramref name="month"/>.</summary>
    public static DerivedNumbers Derive(AnnualLimits limits, IReadOnlyList<NumbersUsed> usage, YearMonth month, IReadOnlyList<NumbersDemand> demand)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var fiscalYear = FiscalCalendar.FiscalYear(month);
        var quarter = FiscalCalendar.Quarter(month);
        var thisYear = usage.Where(u => FiscalCalendar.FiscalYear(u.Month) == fiscalYear).ToList();
        int Used(VisaCategory c) => thisYear.Where(u => u.Category == c).Sum(u => u.Used);
        int UsedInQuarter(VisaCategory c) => thisYear.Where(u => u.Category == c && FiscalCalendar.Quarter(u.Month) == quarter).Sum(u => u.Used);
        int Demand(VisaCategory c) => demand.Where(d => d.Category == c).Sum(d => d.Applicants);
        int UsedPref(Preference p) => thisYear.Where(u => FiscalCalendar.PreferenceOf(u.Category) == p).Sum(u => u.Used);
        int DemandPref(Preference p) => demand.Where(d => FiscalCalendar.PreferenceOf(d.Category) == p).Sum(d => d.Applicants);
        int Unused(int annual, Preference p) => Math.Max(0, annual - UsedPref(p) - DemandPref(p));

        // Fall-down, family: F4's spare numbers go up to F1 first, then everything cascades down.
        var annual = new Dictionary<Preference, int>();
        var received = new Dictionary<Preference, int>();
        var given = new Dictionary<Preference, int>();
        int GiveDown(Preference p)
        {
            var spare = Unused(annual[p], p);
            annual[p] -= spare;
            given[p] = spare;
            return spare;
        }
        var f4Up = Unused(limits[Preference.F4], Preference.F4);
        received[Preference.F1] = f4Up;
        annual[Preference.F1] = limits[Preference.F1] + f4Up;
        // A preference keeps what it requires and passes the rest on (so the family total stays the level).
        var down = GiveDown(Preference.F1);
        foreach (var p in new[] { Preference.F2, Preference.F3 })
        {
            received[p] = down;
            annual[p] = limits[p] + down;
            down = GiveDown(p);
        }
        received[Preference.F4] = down;
        given[Preference.F4] = f4Up;
        annual[Preference.F4] = limits[Preference.F4] - f4Up + down;

        // Employment: EB4's and EB5's spare numbers go to EB1, then down to EB2 and EB3.
        var eb4Up = Unused(limits[Preference.EB4], Preference.EB4);
        var eb5Up = Unused(limits[Preference.EB5], Preference.EB5);
        annual[Preference.EB4] = limits[Preference.EB4] - eb4Up;
        annual[Preference.EB5] = limits[Preference.EB5] - eb5Up;
        received[Preference.EB4] = 0;
        received[Preference.EB5] = 0;
        given[Preference.EB4] = eb4Up;
        given[Preference.EB5] = eb5Up;
        received[Preference.EB1] = eb4Up + eb5Up;
        annual[Preference.EB1] = limits[Preference.EB1] + eb4Up + eb5Up;
        down = GiveDown(Preference.EB1);
        received[Preference.EB2] = down;
        annual[Preference.EB2] = limits[Preference.EB2] + down;
        down = GiveDown(Preference.EB2);
        received[Preference.EB3] = down;
        annual[Preference.EB3] = limits[Preference.EB3] + down;

        // Categories: F2 splits 77/23 into F2A and F2B; EW takes at most its cap of EB3, and no
        // more than its own demand and use need, the rest staying with EB3.
        // (numbers for the year, received from other preferences, given to them)
        var categoryAnnual = new Dictionary<VisaCategory, (int Annual, int FallDown, int Given)>();
        foreach (var p in new[] { Preference.F1, Preference.F3, Preference.F4, Preference.EB1, Preference.EB2, Preference.EB4, Preference.EB5 })
        {
            categoryAnnual[Enum.Parse<VisaCategory>(p.ToString())] = (annual[p], received[p], given.GetValueOrDefault(p));
        }
        int Share77(int n) => (int)(n * 77L / 100);
        var f2Given = given.GetValueOrDefault(Preference.F2);
        categoryAnnual[VisaCategory.F2A] = (Share77(annual[Preference.F2] + f2Given) - Share77(f2Given), Share77(received[Preference.F2]), Share77(f2Given));
        categoryAnnual[VisaCategory.F2B] = (annual[Preference.F2] - categoryAnnual[VisaCategory.F2A].Annual,
            received[Preference.F2] - Share77(received[Preference.F2]), f2Given - Share77(f2Given));
        var ew = Math.Min(limits.OtherWorkersCap, Math.Min(annual[Preference.EB3], Used(VisaCategory.EW) + Demand(VisaCategory.EW)));
        categoryAnnual[VisaCategory.EW] = (ew, 0, 0);
        categoryAnnual[VisaCategory.EB3] = (annual[Preference.EB3] - ew, received[Preference.EB3], 0);

        // Quarters: what both the quarter and the year have left.
        var categories = new List<CategoryNumbers>();
        var monthNumbers = new Dictionary<VisaCategory, int>();
        foreach (var category in Enum.GetValues<VisaCategory>().Where(c => c.IsNumericallyLimited()))
        {
            // The quarter's 27% is of the year's numbers before any were passed on; what the
            // category keeps for the year (its use and demand, when it passes numbers on) still caps it.
            var (year, fallDown, givenAway) = categoryAnnual[category];
            var used = Used(category);
            var usedQuarter = UsedInQuarter(category);
            var ceiling = quarter <= 3 ? (int)((year + givenAway) * 27L / 100) : year + givenAway - (used - usedQuarter);
            var available = Math.Max(0, Math.Min(year - used, ceiling - usedQuarter));
            monthNumbers[category] = available;
            categories.Add(new CategoryNumbers(category, year + givenAway - fallDown, fallDown, givenAway, used, usedQuarter, ceiling, Demand(category), available));
        }

        // Per country.
        var perCountry = limits.PerCountryLimit;
        var levels = (long)limits.FamilyLevel + limits.EmploymentLevel;
        var countries = thisYear.Select(u => u.Chargeability).Concat(demand.Select(d => d.Chargeability))
            .Where(c => !c.IsAll).Distinct().Order().ToList();
        var oversubscribed = countries.Where(x =>
            thisYear.Where(u => u.Chargeability == x).Sum(u => (long)u.Used) + demand.Where(d => d.Chargeability == x).Sum(d => (long)d.Applicants) > perCountry).ToList();

        // F2A: exempt numbers in priority-date order worldwide, whole dates at a time.
        var exempt = (int)(monthNumbers[VisaCategory.F2A] * 75L / 100);
        var f2aDemand = demand.Where(d => d.Category == VisaCategory.F2A).ToList();
        var exemptCutoff = Cutoff(f2aDemand, exempt);

        var pools = new Dictionary<VisaNumberPoolKey, int>();
        foreach (var category in monthNumbers.Keys)
        {
            var left = monthNumbers[category];
            var subjectLeft = category == VisaCategory.F2A ? left - exempt : left;
            foreach (var x in oversubscribed)
            {
                // INA 202(e): the country's limit in the worldwide proportions of the preferences.
                var share = category == VisaCategory.F2A ? categoryAnnual[category].Annual * 25L / 100 : categoryAnnual[category].Annual;
                // (the share is of what the category keeps for the year: INA 202(e)'s "made available")
                var cap = (int)(perCountry * share / levels);
                var usedByCountry = thisYear.Where(u => u.Category == category && u.Chargeability == x).Sum(u => u.Used);
                // Never more than the country's own demand can use: the rest stays with the world.
                var countryDemand = demand.Where(d => d.Category == category && d.Chargeability == x).Sum(d => d.Applicants);
                var subject = Math.Max(0, Math.Min(Math.Min(cap - usedByCountry, subjectLeft), countryDemand));
                subjectLeft -= subject;
                var exemptShare = category == VisaCategory.F2A
                    ? f2aDemand.Where(d => d.Chargeability == x && exemptCutoff.Admits(d.PriorityDate)).Sum(d => d.Applicants)
                    : 0;
                var pool = Math.Min(Math.Min(left, subject + exemptShare), countryDemand);
                pools[new VisaNumberPoolKey(category, x)] = pool;
                left -= pool;
            }
            pools[new VisaNumberPoolKey(category, Chargeability.All)] = Math.Max(0, left);
        }

        return new DerivedNumbers(new VisaNumberLimits(pools), categories, oversubscribed, exemptCutoff);
    }

    /// <summary>The latest Final Action Date whose demand (priority date strictly before it) fits
    /// <paramref name="numbers"/>, moving by whole priority dates: <c>C</c> when all demand fits,
    /// <c>U</c> when there is no number at all.</summary>
    public static FinalActionDate Cutoff(IEnumerable<NumbersDemand> demand, int numbers)
    {
        if (numbers <= 0)
        {
            return FinalActionDate.Unavailable;
        }
        long cumulative = 0;
        foreach (var day in demand.GroupBy(d => d.PriorityDate).OrderBy(g => g.Key))
        {
            cumulative += day.Sum(d => d.Applicants);
            if (cumulative > numbers)
            {
                return FinalActionDate.Before(day.Key);
            }
        }
        return FinalActionDate.Current;
    }

    /// <summary>The scenario's documentarily qualified demand for numbers: each case in a limited
    /// category with a DQ date on or before <paramref name="asOf"/> and traveling applicants.</summary>
    public static List<NumbersDemand> DemandOf(IEnumerable<VisaCase> cases, LocalDate asOf) =>
        [.. cases
            .Where(c => c.Category.IsNumericallyLimited() && c.DocumentarilyQualified is { } dq && dq <= asOf && c.TravelingCount() > 0)
            .Select(c => new NumbersDemand(c.Category, c.Chargeability, c.PriorityDate, c.TravelingCount()))];
}

using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers;
using Scheduler.Core.Numbers.Law;

namespace Scheduler.Core.Tests.Numbers;

/// <summary>Each statutory rule with figures worked out by hand (INA 201-203).</summary>
public class NumbersLawTests
{
    private static readonly YearMonth August2027 = new(2027, 8);   // FY2027, 4th quarter
    private static readonly YearMonth December2026 = new(2026, 12); // FY2027, 1st quarter

    /// <summary>Demand spread over 40 countries so that none passes the per-country limit.</summary>
    private static IEnumerable<NumbersDemand> Spread(VisaCategory category, int applicants, LocalDate? priority = null)
    {
        for (var i = 0; i < 40; i++)
        {
            yield return new NumbersDemand(category, $"Z{i:D2}", priority ?? new LocalDate(2015, 1, 1).PlusDays(i), applicants / 40 + (i < applicants % 40 ? 1 : 0));
        }
    }

    /// <summary>Enough demand in every preference that nothing falls down.</summary>
    private static List<NumbersDemand> FullDemand() =>
    [
        .. Spread(VisaCategory.F1, 30_000), .. Spread(VisaCategory.F2A, 100_000), .. Spread(VisaCategory.F2B, 40_000),
        .. Spread(VisaCategory.F3, 30_000), .. Spread(VisaCategory.F4, 70_000), .. Spread(VisaCategory.EB1, 50_000),
        .. Spread(VisaCategory.EB2, 50_000), .. Spread(VisaCategory.EB3, 50_000), .. Spread(VisaCategory.EB4, 12_000),
        .. Spread(VisaCategory.EB5, 12_000),
    ];

    private static int Pool(DerivedNumbers derived, VisaCategory category, string chargeability) =>
        derived.Limits.Available(new VisaNumberPoolKey(category, chargeability));

    [Fact]
    public void AnnualLimits_Defaults_AreTheActs()
    {
        var limits = new AnnualLimits(2027);
        Assert.Equal(23_400, limits[Preference.F1]);
        Assert.Equal(114_200, limits[Preference.F2]);
        Assert.Equal(23_400, limits[Preference.F3]);
        Assert.Equal(65_000, limits[Preference.F4]);
        Assert.Equal(40_040, limits[Preference.EB1]); // 28.6% of 140,000
        Assert.Equal(40_040, limits[Preference.EB3]);
        Assert.Equal(9_940, limits[Preference.EB5]);  // 7.1% of 140,000
        Assert.Equal(25_620, limits.PerCountryLimit); // 7% of 366,000
        // A family level above 226,000 adds its excess to F2.
        Assert.Equal(118_200, new AnnualLimits(2027, familyLevel: 230_000)[Preference.F2]);
    }

    [Theory]
    [InlineData(2026, 10, 2027, 1)]
    [InlineData(2026, 12, 2027, 1)]
    [InlineData(2027, 1, 2027, 2)]
    [InlineData(2027, 6, 2027, 3)]
    [InlineData(2027, 9, 2027, 4)]
    public void FiscalCalendar_YearBeginsFirstOctober(int year, int month, int fiscalYear, int quarter)
    {
        Assert.Equal(fiscalYear, FiscalCalendar.FiscalYear(new YearMonth(year, month)));
        Assert.Equal(quarter, FiscalCalendar.Quarter(new YearMonth(year, month)));
    }

    [Fact]
    public void Derive_FamilyFallDown_UnusedF1GoesToF2ThenSplits77To23()
    {
        // F1 needs 20,000 of its 23,400: it keeps 20,000 and 3,400 fall to F2 (117,600), F2A 77% =
        // 90,552, F2B 27,048.
        var demand = FullDemand().Where(d => d.Category != VisaCategory.F1).Concat(Spread(VisaCategory.F1, 20_000)).ToList();
        var derived = NumbersLaw.Derive(new AnnualLimits(2027), [], August2027, demand);
        Assert.Equal(20_000, Pool(derived, VisaCategory.F1, "ALL"));
        Assert.Equal(90_552, Pool(derived, VisaCategory.F2A, "ALL"));
        Assert.Equal(27_048, Pool(derived, VisaCategory.F2B, "ALL"));
        Assert.Equal(23_400, Pool(derived, VisaCategory.F3, "ALL"));
        var f2a = derived.Categories.Single(c => c.Category == VisaCategory.F2A);
        Assert.Equal(2_618, f2a.FallDown); // 77% of 3,400
    }

    [Fact]
    public void Derive_FamilyFallDown_UnusedF2GoesToF3AndF3sToF4()
    {
        // F2 needs 110,000 of 114,200: 4,200 to F3 (27,600); F3 needs 25,000, keeps it, and 2,600
        // go to F4 (67,600).
        var demand = FullDemand().Where(d => d.Category is not (VisaCategory.F2A or VisaCategory.F2B or VisaCategory.F3))
            .Concat(Spread(VisaCategory.F2A, 80_000)).Concat(Spread(VisaCategory.F2B, 30_000)).Concat(Spread(VisaCategory.F3, 25_000)).ToList();
        var derived = NumbersLaw.Derive(new AnnualLimits(2027), [], August2027, demand);
        Assert.Equal(25_000, Pool(derived, VisaCategory.F3, "ALL"));
        var f3 = derived.Categories.Single(c => c.Category == VisaCategory.F3);
        Assert.Equal(4_200, f3.FallDown);
        Assert.Equal(2_600, f3.GivenDown);
        Assert.Equal(67_600, Pool(derived, VisaCategory.F4, "ALL"));
    }

    [Fact]
    public void Derive_UnusedF4GoesUpToF1()
    {
        // F4 needs 60,000 of 65,000: 5,000 go to F1 (28,400), F4 keeps 60,000.
        var demand = FullDemand().Where(d => d.Category != VisaCategory.F4).Concat(Spread(VisaCategory.F4, 60_000)).ToList();
        var derived = NumbersLaw.Derive(new AnnualLimits(2027), [], August2027, demand);
        Assert.Equal(28_400, Pool(derived, VisaCategory.F1, "ALL"));
        Assert.Equal(60_000, Pool(derived, VisaCategory.F4, "ALL"));
    }

    [Fact]
    public void Derive_EmploymentFallDown_UnusedEB4AndEB5GoToEB1ThenDown()
    {
        // EB4 needs 1,000 of 9,940: 8,940 go to EB1 (48,980); EB1 needs 45,000, keeps it, and 3,980
        // go to EB2 (44,020).
        var demand = FullDemand().Where(d => d.Category is not (VisaCategory.EB4 or VisaCategory.EB1))
            .Concat(Spread(VisaCategory.EB4, 1_000)).Concat(Spread(VisaCategory.EB1, 45_000)).ToList();
        var derived = NumbersLaw.Derive(new AnnualLimits(2027), [], August2027, demand);
        Assert.Equal(1_000, Pool(derived, VisaCategory.EB4, "ALL"));
        Assert.Equal(45_000, Pool(derived, VisaCategory.EB1, "ALL"));
        Assert.Equal(44_020, Pool(derived, VisaCategory.EB2, "ALL"));
        Assert.Equal(9_940, Pool(derived, VisaCategory.EB5, "ALL"));
    }

    [Fact]
    public void Derive_OtherWorkers_AtMost10000OfEB3()
    {
        var demand = FullDemand().Concat(Spread(VisaCategory.EW, 15_000)).ToList();
        var derived = NumbersLaw.Derive(new AnnualLimits(2027), [], August2027, demand);
        Assert.Equal(10_000, Pool(derived, VisaCategory.EW, "ALL"));
        Assert.Equal(30_040, Pool(derived, VisaCategory.EB3, "ALL"));
    }

    [Fact]
    public void Derive_Quarters_AtMost27PercentInEachOfTheFirstThree()
    {
        // Q1: 27% of 23,400 is 6,318; 6,000 used in October leaves 318 for December.
        var used = new List<NumbersUsed> { new(new YearMonth(2026, 10), VisaCategory.F1, "ALL", 6_000) };
        Assert.Equal(318, Pool(NumbersLaw.Derive(new AnnualLimits(2027), used, December2026, FullDemand()), VisaCategory.F1, "ALL"));

        // Q2: 6,318 used in Q1 and 3,000 in January: February may use 6,318 - 3,000 = 3,318.
        used = [new(new YearMonth(2026, 11), VisaCategory.F1, "ALL", 6_318), new(new YearMonth(2027, 1), VisaCategory.F1, "ALL", 3_000)];
        Assert.Equal(3_318, Pool(NumbersLaw.Derive(new AnnualLimits(2027), used, new YearMonth(2027, 2), FullDemand()), VisaCategory.F1, "ALL"));

        // Q4: all the year has left, 23,400 - 20,000.
        used = [new(new YearMonth(2027, 3), VisaCategory.F1, "ALL", 20_000)];
        Assert.Equal(3_400, Pool(NumbersLaw.Derive(new AnnualLimits(2027), used, August2027, FullDemand()), VisaCategory.F1, "ALL"));

        // Usage of another fiscal year does not count.
        used = [new(new YearMonth(2026, 9), VisaCategory.F1, "ALL", 20_000)];
        Assert.Equal(6_318, Pool(NumbersLaw.Derive(new AnnualLimits(2027), used, December2026, FullDemand()), VisaCategory.F1, "ALL"));
    }

    [Fact]
    public void Derive_OversubscribedCountry_ProratedAcrossPreferences()
    {
        // MX has used 25,000 (F2A) and needs 9,000 more (F4 6,000, F1 3,000): over 25,620, so
        // oversubscribed. Its F4 share: 25,620 x 65,000 / 366,000 = 4,550. December's F4 ceiling is
        // 27% of 65,000 = 17,550: MX gets 4,550, the rest of the world 13,000.
        var used = new List<NumbersUsed> { new(new YearMonth(2026, 10), VisaCategory.F2A, "MX", 25_000) };
        var demand = FullDemand()
            .Append(new NumbersDemand(VisaCategory.F4, "MX", new LocalDate(2001, 1, 1), 6_000))
            .Append(new NumbersDemand(VisaCategory.F1, "MX", new LocalDate(2010, 1, 1), 3_000))
            .Append(new NumbersDemand(VisaCategory.F3, "MX", new LocalDate(2005, 1, 1), 500)).ToList();
        var derived = NumbersLaw.Derive(new AnnualLimits(2027), used, December2026, demand);
        Assert.Equal(["MX"], derived.Oversubscribed);
        Assert.Equal(4_550, Pool(derived, VisaCategory.F4, "MX"));
        Assert.Equal(13_000, Pool(derived, VisaCategory.F4, "ALL"));
        // F1: 25,620 x 23,400 / 366,000 = 1,638.
        Assert.Equal(1_638, Pool(derived, VisaCategory.F1, "MX"));
        // F3: its share would be 1,638 too, but MX needs only 500: the rest stays with the world.
        Assert.Equal(500, Pool(derived, VisaCategory.F3, "MX"));
        Assert.Equal(6_318 - 500, Pool(derived, VisaCategory.F3, "ALL"));
    }

    [Fact]
    public void Derive_F2A_ExemptNumbersByPriorityDateWorldwideAndSubjectNumbersProrated()
    {
        // F2 limited to 1,000: F2A 770 in the 4th quarter, 577 exempt (75%), 193 subject.
        // Exempt, by priority date: MX 300 (2020-01-01), DE 250 (2020-06-01) = 550; MX 200
        // (2021-01-01) would make 750 > 577, so the exempt cutoff is 2021-01-01.
        // MX (oversubscribed) gets its 300 exempt plus 25,620 x 192 / 366,000 = 13 subject = 313.
        var limits = new AnnualLimits(2027, overrides: new Dictionary<Preference, int> { [Preference.F2] = 1_000 });
        var used = new List<NumbersUsed> { new(new YearMonth(2026, 11), VisaCategory.F4, "MX", 26_000) };
        var demand = FullDemand().Where(d => d.Category is not (VisaCategory.F2A or VisaCategory.F2B)).ToList();
        demand.Add(new NumbersDemand(VisaCategory.F2A, "MX", new LocalDate(2020, 1, 1), 300));
        demand.Add(new NumbersDemand(VisaCategory.F2A, "DE", new LocalDate(2020, 6, 1), 250));
        demand.Add(new NumbersDemand(VisaCategory.F2A, "MX", new LocalDate(2021, 1, 1), 200));
        demand.Add(new NumbersDemand(VisaCategory.F2B, "DE", new LocalDate(2015, 1, 1), 500));
        var derived = NumbersLaw.Derive(limits, used, August2027, demand);
        Assert.Equal(FinalActionDate.Before(new LocalDate(2021, 1, 1)), derived.F2AExemptCutoff);
        Assert.Equal(313, Pool(derived, VisaCategory.F2A, "MX"));
        Assert.Equal(457, Pool(derived, VisaCategory.F2A, "ALL"));
    }

    [Fact]
    public void Cutoff_WholePriorityDates_CurrentWhenAllFit_UnavailableWithoutNumbers()
    {
        var demand = new[]
        {
            new NumbersDemand(VisaCategory.F3, "ALL", new LocalDate(2010, 1, 1), 3),
            new NumbersDemand(VisaCategory.F3, "ALL", new LocalDate(2010, 1, 1), 2),
            new NumbersDemand(VisaCategory.F3, "ALL", new LocalDate(2011, 1, 1), 4),
        };
        Assert.Equal(FinalActionDate.Before(new LocalDate(2010, 1, 1)), NumbersLaw.Cutoff(demand, 4)); // 2010-01-01 needs 5
        Assert.Equal(FinalActionDate.Before(new LocalDate(2011, 1, 1)), NumbersLaw.Cutoff(demand, 5));
        Assert.Equal(FinalActionDate.Before(new LocalDate(2011, 1, 1)), NumbersLaw.Cutoff(demand, 8));
        Assert.Equal(FinalActionDate.Current, NumbersLaw.Cutoff(demand, 9));
        Assert.Equal(FinalActionDate.Unavailable, NumbersLaw.Cutoff(demand, 0));
    }

    [Fact]
    public void Property_DerivedPoolsNeverExceedAStatutoryBound_AndMoreNumbersNeverMoveADateBack()
    {
        var countries = new[] { "MX", "IN", "CN", "PH", "DE", "NG", "BR", "VN" };
        var limited = Enum.GetValues<VisaCategory>().Where(c => c.IsNumericallyLimited()).ToArray();
        for (var seed = 1; seed <= 60; seed++)
        {
            var random = new Random(seed);
            var month = new YearMonth(2026, 10).PlusMonths(random.Next(12));
            var fiscalYear = FiscalCalendar.FiscalYear(month);
            var used = new List<NumbersUsed>();
            for (var m = new YearMonth(2026, 10); m < month; m = m.PlusMonths(1))
            {
                foreach (var category in limited)
                {
                    if (random.Next(3) == 0)
                    {
                        used.Add(new NumbersUsed(m, category, countries[random.Next(countries.Length)], random.Next(0, 3_000)));
                    }
                }
            }
            var demand = Enumerable.Range(0, 400).Select(_ => new NumbersDemand(limited[random.Next(limited.Length)],
                countries[random.Next(countries.Length)], new LocalDate(2005, 1, 1).PlusDays(random.Next(7_000)), random.Next(1, 400))).ToList();
            var limits = new AnnualLimits(fiscalYear);
            var derived = NumbersLaw.Derive(limits, used, month, demand);
            var quarter = FiscalCalendar.Quarter(month);

            foreach (var figures in derived.Categories)
            {
                var pools = derived.Limits.Pools.Where(p => p.Key.Category == figures.Category).Sum(p => p.Value);
                var kept = figures.AnnualLimit + figures.FallDown - figures.GivenDown;
                Assert.True(pools <= figures.Month, $"seed {seed} {figures.Category}: pools {pools} > month {figures.Month}");
                Assert.True(figures.Month <= Math.Max(0, kept - figures.UsedThisYear), $"seed {seed} {figures.Category}: beyond the year");
                if (quarter <= 3)
                {
                    var year = figures.AnnualLimit + figures.FallDown;
                    Assert.True(figures.Month + figures.UsedThisQuarter <= Math.Max(figures.UsedThisQuarter, year * 27L / 100), $"seed {seed} {figures.Category}: beyond 27%");
                }
                Assert.All(derived.Limits.Pools.Values, v => Assert.True(v >= 0));
            }
            var family = derived.Categories.Where(c => c.Category.Group() == CategoryGroup.Family).Sum(c => c.AnnualLimit + c.FallDown - c.GivenDown);
            Assert.True(family <= limits.FamilyLevel, $"seed {seed}: family {family}");
            var employment = derived.Categories.Where(c => c.Category.Group() == CategoryGroup.Employment).Sum(c => c.AnnualLimit + c.FallDown - c.GivenDown);
            Assert.True(employment <= limits.EmploymentLevel, $"seed {seed}: employment {employment}");
            foreach (var x in derived.Oversubscribed)
            {
                foreach (var category in limited.Where(c => c != VisaCategory.F2A))
                {
                    var share = derived.Categories.Single(c => c.Category == category);
                    var cap = limits.PerCountryLimit * (long)(share.AnnualLimit + share.FallDown - share.GivenDown) / (limits.FamilyLevel + limits.EmploymentLevel);
                    Assert.True(derived.Limits.Available(new VisaNumberPoolKey(category, x)) <= cap, $"seed {seed} {category}/{x} beyond its prorated share");
                }
            }

            var sample = demand.Where(d => d.Category == VisaCategory.F3).ToList();
            var previous = FinalActionDate.Unavailable;
            for (var numbers = 0; numbers <= 20_000; numbers += 500)
            {
                var cutoff = NumbersLaw.Cutoff(sample, numbers);
                Assert.True(Rank(cutoff) >= Rank(previous), $"seed {seed}: {numbers} numbers moved {previous} back to {cutoff}");
                previous = cutoff;
            }
        }
    }

    private static long Rank(FinalActionDate value) => value.Kind switch
    {
        FinalActionKind.Unavailable => long.MinValue,
        FinalActionKind.Current => long.MaxValue,
        _ => Period.Between(new LocalDate(1900, 1, 1), value.Cutoff, PeriodUnits.Days).Days,
    };
}

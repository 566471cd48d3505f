using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers;
using Scheduler.Core.Numbers.Law;

namespace Scheduler.Core.Scenarios;

/// <summary>The month's visa numbers from a <see cref="NumbersInput"/>: <c>numbers.csv</c>'s pools
/// when given (then limits and usage are not looked at: they are ignored, not judged), else pools
/// derived from the Act over the limits and usage given.</summary>
internal static class NumbersAssembly
{
    private static readonly string[] LimitCategories = ["FAMILY", "EMPLOYMENT", "EW", .. Enum.GetNames<Preference>()];

    public static void Check(NumbersInput numbers, List<ScenarioProblem> problems)
    {
        if (numbers.Pools is { } pools)
        {
            CheckPools(pools, problems);
            return;
        }
        if (numbers.Limits is { } limits)
        {
            CheckLimits(limits, problems);
        }
        if (numbers.Usage is { } usage)
        {
            CheckUsage(usage, problems);
        }
    }

    /// <summary>The pools of a checked scenario, and how they were derived when they come from the Act.</summary>
    public static (VisaNumberLimits Limits, DerivedNumbers? Derivation) Pools(ScenarioInputs inputs)
    {
        var numbers = inputs.Numbers;
        if (numbers.Pools is { } pools)
        {
            return (new VisaNumberLimits(pools.Select(p => new KeyValuePair<VisaNumberPoolKey, int>(new VisaNumberPoolKey(p.Category, p.Chargeability), p.Available))), null);
        }
        if (!numbers.FromTheAct)
        {
            return (VisaNumberLimits.None, null);
        }
        var derived = NumbersLaw.Derive(AnnualLimitsOf(numbers.Limits ?? [], FiscalCalendar.FiscalYear(inputs.Month)), numbers.Usage ?? [],
            inputs.Month, NumbersLaw.DemandOf(inputs.Cases, inputs.AsOf));
        return (derived.Limits, derived);
    }

    /// <summary>The limits of <paramref name="fiscalYear"/>: its rows over the Act's defaults; rows of
    /// other fiscal years are ignored (a <c>limits.csv</c> may carry several years).</summary>
    public static AnnualLimits AnnualLimitsOf(IEnumerable<AnnualLimitEntry> entries, int fiscalYear)
    {
        var family = AnnualLimits.DefaultFamilyLevel;
        var employment = AnnualLimits.DefaultEmploymentLevel;
        var otherWorkers = AnnualLimits.DefaultOtherWorkersCap;
        var overrides = new Dictionary<Preference, int>();
        foreach (var entry in entries.Where(e => e.FiscalYear == fiscalYear))
        {
            switch (entry.Category.ToUpperInvariant())
            {
                case "FAMILY":
                    family = entry.AnnualLimit;
                    break;
                case "EMPLOYMENT":
                    employment = entry.AnnualLimit;
                    break;
                case "EW":
                    otherWorkers = entry.AnnualLimit;
                    break;
                case var preference:
                    overrides[Enum.Parse<Preference>(preference)] = entry.AnnualLimit;
                    break;
            }
        }
        return new AnnualLimits(fiscalYear, family, employment, overrides, otherWorkers);
    }

    private static void CheckPools(IReadOnlyList<NumberPoolEntry> pools, List<ScenarioProblem> problems)
    {
        var first = new Dictionary<VisaNumberPoolKey, int>();
        for (var i = 0; i < pools.Count; i++)
        {
            var pool = pools[i];
            if (pool.Available < 0)
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Numbers, i, $"available: expected a whole number of 0 or more, got '{pool.Available}'"));
                continue;
            }
            if (!pool.Category.IsNumericallyLimited())
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Numbers, i, "category: IR is not numerically limited"));
                continue;
            }
            var key = new VisaNumberPoolKey(pool.Category, pool.Chargeability);
            if (!first.TryAdd(key, i))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Numbers, i, $"duplicate row for {key.Category} {key.Chargeability}") { FirstIndex = first[key] });
            }
        }
    }

    private static void CheckLimits(IReadOnlyList<AnnualLimitEntry> limits, List<ScenarioProblem> problems)
    {
        // Duplicates are judged over every fiscal year, not only the month's: a file that gives one
        // year's limit twice is ambiguous whichever month it is read for.
        var first = new Dictionary<(int, string), int>();
        for (var i = 0; i < limits.Count; i++)
        {
            var entry = limits[i];
            var category = entry.Category.Trim().ToUpperInvariant();
            var ok = true;
            if (!LimitCategories.Contains(category, StringComparer.Ordinal))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Limits, i, $"category: expected FAMILY, EMPLOYMENT, F1, F2, F3, F4, EB1-EB5 or EW, got '{entry.Category}'"));
                ok = false;
            }
            if (entry.AnnualLimit < 0)
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Limits, i, $"annual_limit: expected a whole number of 0 or more, got '{entry.AnnualLimit}'"));
                ok = false;
            }
            if (ok && !first.TryAdd((entry.FiscalYear, category), i))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Limits, i, $"duplicate row for {entry.FiscalYear} {category}") { FirstIndex = first[(entry.FiscalYear, category)] });
            }
        }
    }

    private static void CheckUsage(IReadOnlyList<NumbersUsed> usage, List<ScenarioProblem> problems)
    {
        var first = new Dictionary<(NodaTime.YearMonth, VisaCategory, Chargeability), int>();
        for (var i = 0; i < usage.Count; i++)
        {
            var used = usage[i];
            var ok = true;
            if (!used.Category.IsNumericallyLimited())
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Usage, i, "category: IR is not numerically limited"));
                ok = false;
            }
            if (used.Used < 0)
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Usage, i, $"used: expected a whole number of 0 or more, got '{used.Used}'"));
                ok = false;
            }
            var key = (used.Month, used.Category, used.Chargeability);
            if (ok && !first.TryAdd(key, i))
            {
                problems.Add(new ScenarioProblem(ScenarioPart.Usage, i,
                    $"duplicate row for {used.Month.Year:D4}-{used.Month.Month:D2} {used.Category} {key.Item3}") { FirstIndex = first[key] });
            }
        }
    }
}

using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers;
using Scheduler.Core.Numbers.Law;

namespace Scheduler.Core.Bulletin;

/// <summary>Final Action Dates that a month's numbers support: for each pool, the latest cutoff such
/// that the traveling applicants of documentarily qualified cases with an earlier priority date fit
/// it (whole priority dates at a time, so a date never splits one day's cases); <c>C</c> when all its
/// demand fits, <c>U</c> when it has no number. More numbers never move a date back.</summary>
public static class BulletinSuggester
{
    /// <summary>One suggested cell per pool of the scenario's numbers, and <c>C</c> for limited
    /// categories the numbers do not cap.</summary>
    public static List<(VisaCategory Category, Chargeability Chargeability, FinalActionDate FinalAction)> Suggest(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var demand = NumbersLaw.DemandOf(scenario.Cases, scenario.AsOf);
        var byPool = new Dictionary<VisaNumberPoolKey, List<NumbersDemand>>();
        foreach (var d in demand)
        {
            if (scenario.Numbers.PoolFor(d.Category, d.Chargeability) is { } key)
            {
                if (!byPool.TryGetValue(key, out var list))
                {
                    byPool[key] = list = [];
                }
                list.Add(d);
            }
        }
        var result = new List<(VisaCategory, Chargeability, FinalActionDate)>();
        var capped = scenario.Numbers.Pools.Keys.Select(k => k.Category).ToHashSet();
        foreach (var category in Enum.GetValues<VisaCategory>().Where(c => c.IsNumericallyLimited()))
        {
            if (!capped.Contains(category))
            {
                result.Add((category, Chargeability.All, FinalActionDate.Current));
                continue;
            }
            foreach (var (key, available) in scenario.Numbers.Pools.Where(p => p.Key.Category == category)
                .OrderBy(p => p.Key.Chargeability.IsAll ? 0 : 1).ThenBy(p => p.Key.Chargeability))
            {
                result.Add((category, key.Chargeability, NumbersLaw.Cutoff(byPool.GetValueOrDefault(key) ?? [], available)));
            }
        }
        return result;
    }
}

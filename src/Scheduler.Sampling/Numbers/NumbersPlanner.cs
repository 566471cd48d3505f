using Scheduler.Sampling.Demand;
using Scheduler.Sampling.Posts;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Numbers;

/// <summary>Sizes the month's visa numbers per pool (category x chargeability column). A pool's
/// expected take-up is its demand at each post times the share of that post's demand the post has
/// seats for. Binding pools get 35-75% of that take-up, so numbers run out before seats do; the
/// others get all of their demand and some, so numbers never stop them. The pools that are
/// oversubscribed in the real bulletin (F4 and F3 for Mexico and the Philippines, Indian F4 and
/// EB3, Other Workers, ...) usually bind; others sometimes do.</summary>
internal static class NumbersPlanner
{
    /// <summary>One numbers.csv row.</summary>
    public sealed record Pool(Category Category, string Area, int Available);

    private static readonly HashSet<(Category, string)> Oversubscribed =
    [
        (Category.F4, "MX"), (Category.F4, "PH"), (Category.F4, "IN"), (Category.F4, "ALL"),
        (Category.F3, "MX"), (Category.F3, "PH"), (Category.F2B, "MX"), (Category.F2B, "PH"),
        (Category.F1, "MX"), (Category.F1, "PH"), (Category.EB3, "IN"), (Category.EB3, "CN"), (Category.EW, "ALL"),
    ];

    public static List<Pool> Plan(IReadOnlyList<PostPlan> plans, DemandTally tally, SplitMix64 random)
    {
        var pools = new List<(Category Category, int Area, int Demand, double TakeUp, bool Binding)>();
        foreach (var category in Categories.All.Where(c => c.IsLimited()))
        {
            for (var area = 0; area < ChargeabilityArea.Count; area++)
            {
                var demand = tally.PoolDemand(category, area);
                if (demand == 0)
                {
                    continue;
                }
                var takeUp = 0.0;
                for (var p = 0; p < plans.Count; p++)
                {
                    var seatShare = Math.Min(1.0, (double)plans[p].Sessions.Seats / Math.Max(1, tally.PostDemand(p)));
                    takeUp += tally.PoolDemandAt(category, area, p) * seatShare;
                }
                var binding = random.Chance(Oversubscribed.Contains((category, ChargeabilityArea.Codes[area])) ? 0.85 : 0.25);
                pools.Add((category, area, demand, takeUp, binding));
            }
        }
        if (pools.Count > 1 && (pools.All(p => p.Binding) || pools.All(p => !p.Binding)))
        {
            // Every sample should show both kinds: flip the pool with the most demand.
            var largest = pools.IndexOf(pools.MaxBy(p => p.Demand));
            pools[largest] = pools[largest] with { Binding = !pools[largest].Binding };
        }

        return
        [
            .. pools.Select(p => new Pool(
                p.Category,
                ChargeabilityArea.Codes[p.Area],
                p.Binding
                    ? Math.Min(p.Demand - 1, (int)Math.Floor(p.TakeUp * random.Uniform(0.35, 0.75)))
                    : p.Demand + (int)Math.Ceiling(p.Demand * random.Uniform(0.05, 0.3)))),
        ];
    }
}

using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Scheduling;

namespace Scheduler.Core.Tests.Scheduling;

/// <summary>The packed keys the schedulers sort by give exactly the orders <see cref="CaseOrdering"/>
/// states, on cases made to tie: few dates, missing DQ dates, expedited cases, the calendar's
/// extremes, ids that differ only in case or length.</summary>
public class CaseKeysTests
{
    private static readonly LocalDate[] Dates =
    [
        new(-9998, 1, 1), new(1, 1, 1), new(1999, 12, 31), new(2000, 1, 1), new(2000, 1, 2),
        new(2000, 2, 1), new(2020, 6, 30), new(2020, 7, 1), new(9999, 12, 31),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sorts_GiveCaseOrderingsOrders(int seed)
    {
        var cases = RandomCases(new Random(seed), 3_000);
        var keys = new CaseKeys(cases);
        var all = Enumerable.Range(0, cases.Length).ToArray();
        var limited = all.Where(c => cases[c].Category.IsNumericallyLimited()).ToArray();

        AssertOrder(limited, keys.SortInPool, (a, b) => CaseOrdering.CompareInPool(cases[a], cases[b]));
        foreach (var category in Enum.GetValues<VisaCategory>())
        {
            var queue = all.Where(c => cases[c].Category == category).ToArray();
            AssertOrder(queue, keys.SortInQueue, (a, b) => CaseOrdering.CompareInQueue(cases[a], cases[b]));
        }
        AssertOrder(all, keys.SortChronologically, (a, b) =>
            cases[a].Expedite != cases[b].Expedite ? (cases[a].Expedite ? -1 : 1) : CaseOrdering.CompareChronologically(cases[a], cases[b]));
        AssertOrder(all, keys.SortRemaining, (a, b) =>
        {
            bool aLimited = cases[a].Category.IsNumericallyLimited(), bLimited = cases[b].Category.IsNumericallyLimited();
            return aLimited != bLimited ? (aLimited ? 1 : -1)
                : aLimited ? CaseOrdering.CompareInPool(cases[a], cases[b])
                : CaseOrdering.CompareInQueue(cases[a], cases[b]);
        });
        for (var i = 0; i < 20_000; i++)
        {
            var a = limited[i % limited.Length];
            var b = limited[(i * 7919) % limited.Length];
            Assert.Equal(Math.Sign(CaseOrdering.CompareInPool(cases[a], cases[b])), Math.Sign(keys.CompareInPool(a, b)));
        }
    }

    private static void AssertOrder(int[] cases, Action<int[]> sort, Comparison<int> reference)
    {
        var expected = cases.ToArray();
        Array.Sort(expected, reference);
        var actual = cases.Reverse().ToArray();
        sort(actual);
        Assert.Equal(expected, actual);
    }

    private static VisaCase[] RandomCases(Random random, int count)
    {
        var categories = Enum.GetValues<VisaCategory>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cases = new VisaCase[count];
        for (var i = 0; i < count; i++)
        {
            string id;
            do
            {
                // Short ids from a small alphabet collide on dates often and differ by case or length.
                id = new string(Enumerable.Range(0, random.Next(1, 4)).Select(_ => "aAbB0"[random.Next(5)]).ToArray()) + random.Next(40);
            }
            while (!ids.Add(id));
            var category = categories[random.Next(categories.Length)];
            cases[i] = new VisaCase
            {
                Id = id,
                Category = category,
                VisaClass = category.ToString(),
                PriorityDate = Dates[random.Next(Dates.Length)],
                DocumentarilyQualified = random.Next(4) == 0 ? null : Dates[random.Next(Dates.Length)],
                Chargeability = "MX",
                Expedite = random.Next(5) == 0,
            };
        }
        return cases;
    }
}

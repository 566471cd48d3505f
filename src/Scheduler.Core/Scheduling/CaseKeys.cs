using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Scheduling;

/// <summary>The orders of <see cref="CaseOrdering"/> over a prepared batch's case indices, from keys
/// computed once per case: the order's dates (and expedite flag) packed in one number, so that sorting
/// a national batch sorts numbers and reads case ids only where every date ties (the records themselves
/// are not touched). Each order is exactly its <see cref="CaseOrdering"/> counterpart's.</summary>
internal sealed class CaseKeys
{
    // A date in 24 bits: year, month and day in one increasing number (ISO years -9998 to 9999), above
    // zero, which stands for a missing DQ date (Nullable.Compare puts it first).
    private const int DateBits = 24;
    private const long NotExpedited = 1L << (2 * DateBits);
    private const long LimitedLast = 1L << (2 * DateBits + 1);

    private readonly long[] _pool;
    private readonly long[] _chronological;
    private readonly bool[] _expedite;
    private readonly bool[] _limited;
    private readonly VisaCase[] _cases;

    internal CaseKeys(VisaCase[] cases)
    {
        _cases = cases;
        var n = cases.Length;
        _pool = new long[n];
        _chronological = new long[n];
        _expedite = new bool[n];
        _limited = new bool[n];
        for (var c = 0; c < n; c++)
        {
            var visaCase = cases[c];
            long priority = Day(visaCase.PriorityDate);
            long qualified = visaCase.DocumentarilyQualified is { } dq ? Day(dq) : 0;
            _pool[c] = (priority << DateBits) | qualified;
            _chronological[c] = (qualified << DateBits) | priority;
            _expedite[c] = visaCase.Expedite;
            _limited[c] = visaCase.Category.IsNumericallyLimited();
        }
    }

    /// <summary>Pool order of two cases (<see cref="CaseOrdering.CompareInPool"/>).</summary>
    public int CompareInPool(int a, int b)
    {
        var byDates = _pool[a].CompareTo(_pool[b]);
        return byDates != 0 ? byDates : _cases[a].Id.CompareTo(_cases[b].Id);
    }

    /// <summary>Sorts cases into numbers-pool order (<see cref="CaseOrdering.CompareInPool"/>).</summary>
    public void SortInPool(int[] cases) => Sort(cases, c => _pool[c]);

    /// <summary>Sorts one queue's cases (one category) into queue order (<see cref="CaseOrdering.CompareInQueue"/>).</summary>
    public void SortInQueue(int[] cases) => Sort(cases, c => (_expedite[c] ? 0 : NotExpedited) | (_limited[c] ? _pool[c] : _chronological[c]));

    /// <summary>Sorts cases expedited first, then in the chronological order of documentarily complete
    /// cases (<see cref="CaseOrdering.CompareChronologically"/>).</summary>
    public void SortChronologically(int[] cases) => Sort(cases, Chronological);

    /// <summary>Sorts cases into the order what is left is offered in: immediate relatives in queue
    /// order, then limited cases in pool order.</summary>
    public void SortRemaining(int[] cases) => Sort(cases, c => _limited[c] ? LimitedLast | _pool[c] : Chronological(c));

    private long Chronological(int c) => (_expedite[c] ? 0 : NotExpedited) | _chronological[c];

    private void Sort(int[] cases, Func<int, long> key)
    {
        var keys = new long[cases.Length];
        for (var i = 0; i < cases.Length; i++)
        {
            keys[i] = key(cases[i]);
        }
        Array.Sort(keys, cases);
        // Cases whose keys tie go by case id.
        for (var i = 0; i < cases.Length;)
        {
            var j = i + 1;
            while (j < cases.Length && keys[j] == keys[i])
            {
                j++;
            }
            if (j - i > 1)
            {
                cases.AsSpan(i, j - i).Sort((a, b) => _cases[a].Id.CompareTo(_cases[b].Id));
            }
            i = j;
        }
    }

    private static int Day(LocalDate date) => ((date.Year * 16 + date.Month) * 32 + date.Day) + (1 << (DateBits - 1));
}

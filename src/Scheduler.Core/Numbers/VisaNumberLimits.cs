using Scheduler.Core.Cases;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Numbers;

/// <summary>The visa numbers a batch may allocate (<c>numbers.csv</c>). A category with no row at
/// all is limited only by the bulletin.</summary>
public sealed class VisaNumberLimits
{
    private readonly Dictionary<VisaNumberPoolKey, int> _available;
    private readonly HashSet<VisaCategory> _limitedCategories;

    /// <summary>Creates the limits from <c>numbers.csv</c> rows.</summary>
    public VisaNumberLimits(IEnumerable<KeyValuePair<VisaNumberPoolKey, int>> rows)
    {
        _available = new Dictionary<VisaNumberPoolKey, int>();
        foreach (var (key, available) in rows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(available);
            _available[key] = available;
        }
        _limitedCategories = _available.Keys.Select(k => k.Category).ToHashSet();
    }

    /// <summary>No limits at all.</summary>
    public static VisaNumberLimits None { get; } = new([]);

    /// <summary>Every pool with its numbers.</summary>
    public IReadOnlyDictionary<VisaNumberPoolKey, int> Pools => _available;

    /// <summary>The pool a case draws on, or null when its category is not capped by
    /// <c>numbers.csv</c>. The case's own country row is used if present, else <c>ALL</c>; a capped
    /// category with neither row gives the case's country a pool of zero numbers.</summary>
    public VisaNumberPoolKey? PoolFor(VisaCategory category, Chargeability chargeability)
    {
        if (!category.IsNumericallyLimited() || !_limitedCategories.Contains(category))
        {
            return null;
        }
        var own = new VisaNumberPoolKey(category, chargeability);
        if (_available.ContainsKey(own))
        {
            return own;
        }
        var all = new VisaNumberPoolKey(category, Chargeability.All);
        return _available.ContainsKey(all) ? all : own;
    }

    /// <summary>The numbers a pool starts with (zero for a pool that has no row).</summary>
    public int Available(VisaNumberPoolKey pool) => _available.GetValueOrDefault(pool);
}

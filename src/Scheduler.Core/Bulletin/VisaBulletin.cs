using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Bulletin;

/// <summary>The month's Final Action Dates, per category and chargeability (a country code or <c>ALL</c>).</summary>
public sealed class VisaBulletin
{
    /// <summary>The chargeability code of the "All Chargeability Areas" column.</summary>
    public const string AllAreas = "ALL";

    private readonly Dictionary<(VisaCategory, Chargeability), FinalActionDate> _cells;

    /// <summary>Creates a bulletin from its cells.</summary>
    public VisaBulletin(IEnumerable<KeyValuePair<(VisaCategory Category, Chargeability Chargeability), FinalActionDate>> cells)
    {
        _cells = new Dictionary<(VisaCategory, Chargeability), FinalActionDate>();
        foreach (var ((category, chargeability), value) in cells)
        {
            _cells[(category, chargeability)] = value;
        }
    }

    /// <summary>The cell a case uses: its own country's row if the bulletin has one, else <c>ALL</c>;
    /// null when neither exists.</summary>
    public FinalActionDate? CellFor(VisaCategory category, Chargeability chargeability) =>
        _cells.TryGetValue((category, chargeability), out var own) ? own
        : _cells.TryGetValue((category, Chargeability.All), out var all) ? all
        : null;

    /// <summary>True when a case is current: IR always is; otherwise its cell admits the priority
    /// date (a missing row is not current).</summary>
    public bool IsCurrent(VisaCategory category, Chargeability chargeability, LocalDate priorityDate) =>
        !category.IsNumericallyLimited()
        || (CellFor(category, chargeability) is { } cell && cell.Admits(priorityDate));
}

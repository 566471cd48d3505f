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
        RowFor(category, chargeability) is { } row ? (FinalActionDate?)_cells[(category, row)] : null;

    /// <summary>The row a case uses: <paramref name="chargeability"/> when the bulletin lists that
    /// country separately, else <c>ALL</c> when it has that row; null when neither exists.</summary>
    public Chargeability? RowFor(VisaCategory category, Chargeability chargeability)
    {
        if (_cells.ContainsKey((category, chargeability)))
        {
            return chargeability;
        }
        return _cells.ContainsKey((category, Chargeability.All)) ? (Chargeability?)Chargeability.All : null;
    }

    /// <summary>True when a case is current: IR always is; otherwise its cell admits the priority
    /// date (a missing row is not current).</summary>
    public bool IsCurrent(VisaCategory category, Chargeability chargeability, LocalDate priorityDate) =>
        !category.IsNumericallyLimited()
        || (CellFor(category, chargeability) is { } cell && cell.Admits(priorityDate));
}

using NodaTime;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Bulletin;

/// <summary>The month's Final Action Dates, per category and chargeability (a country code or <c>ALL</c>).</summary>
public sealed class VisaBulletin
{
    /// <summary>The chargeability code of the "All Chargeability Areas" column.</summary>
    public const string AllAreas = "ALL";

    private readonly Dictionary<(VisaCategory, string), FinalActionDate> _cells;

    /// <summary>Creates a bulletin from its cells; chargeability codes are compared case-insensitively.</summary>
    public VisaBulletin(IEnumerable<KeyValuePair<(VisaCategory Category, string Chargeability), FinalActionDate>> cells)
    {
        _cells = new Dictionary<(VisaCategory, string), FinalActionDate>();
        foreach (var ((category, chargeability), value) in cells)
        {
            _cells[(category, chargeability.ToUpperInvariant())] = value;
        }
    }

    /// <summary>The cell a case uses: its own country's row if the bulletin has one, else <c>ALL</c>;
    /// null when neither exists.</summary>
    public FinalActionDate? CellFor(VisaCategory category, string chargeability) =>
        _cells.TryGetValue((category, chargeability.ToUpperInvariant()), out var own) ? own
        : _cells.TryGetValue((category, AllAreas), out var all) ? all
        : null;

    /// <summary>True when a case is current: IR always is; otherwise its cell admits the priority
    /// date (a missing row is not current).</summary>
    public bool IsCurrent(VisaCategory category, string chargeability, LocalDate priorityDate) =>
        !category.IsNumericallyLimited()
        || (CellFor(category, chargeability) is { } cell && cell.Admits(priorityDate));
}

using Scheduler.Core.Cases;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Numbers;

/// <summary>Identifies a pool of visa numbers: a category and a chargeability (a country code or <c>ALL</c>).</summary>
public readonly record struct VisaNumberPoolKey(VisaCategory Category, Chargeability Chargeability)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Category}/{Chargeability}";
}

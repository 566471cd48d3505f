using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Numbers;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Posts;

namespace Scheduler.Core;

/// <summary>Everything one monthly batch needs: the month, the run date, the cases, the posts,
/// the Visa Bulletin and the visa numbers available.</summary>
/// <param name="Month">The month whose sessions are filled.</param>
/// <param name="AsOf">The day the batch runs: only cases DQ on or before it count; notice runs from it.</param>
/// <param name="Cases">The cases, in file order.</param>
/// <param name="Posts">The posts, in file order (post assignment takes the first match).</param>
/// <param name="Bulletin">The month's Final Action Dates.</param>
/// <param name="Numbers">The visa numbers the batch may allocate.</param>
public sealed record Scenario(
    YearMonth Month,
    LocalDate AsOf,
    IReadOnlyList<VisaCase> Cases,
    IReadOnlyList<Post> Posts,
    VisaBulletin Bulletin,
    VisaNumberLimits Numbers)
{
    /// <summary>When <see cref="Numbers"/> were derived from the Act (limits and usage, no pools given),
    /// how; null when the pools were given or there are none.</summary>
    public DerivedNumbers? Derivation { get; init; }
}

using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Scenarios;

/// <summary>A scenario as it was given (by files or by the database), before it is checked and
/// its number pools are derived: what <c>db import</c> stores and <c>db export</c> writes back.</summary>
/// <param name="Month">The month whose sessions are filled.</param>
/// <param name="AsOf">The day the batch runs.</param>
/// <param name="Posts">The posts with their profiles, in order (post assignment takes the first match).</param>
/// <param name="Cases">The cases with their applicants, in order.</param>
/// <param name="Bulletin">The bulletin's rows, in order.</param>
/// <param name="Numbers">Where the month's visa numbers come from.</param>
public sealed record ScenarioInputs(
    YearMonth Month,
    LocalDate AsOf,
    IReadOnlyList<Post> Posts,
    IReadOnlyList<VisaCase> Cases,
    IReadOnlyList<BulletinEntry> Bulletin,
    NumbersInput Numbers);

/// <summary>One row of <c>bulletin.csv</c>.</summary>
/// <param name="Category">The category.</param>
/// <param name="Chargeability"><c>ALL</c> or a country code, upper case.</param>
/// <param name="FinalAction">The Final Action Date.</param>
/// <param name="DatesForFiling">The Dates for Filing cell, when given (informational).</param>
public sealed record BulletinEntry(VisaCategory Category, Chargeability Chargeability, FinalActionDate FinalAction, FinalActionDate? DatesForFiling = null);

/// <summary>One row of <c>numbers.csv</c>.</summary>
public sealed record NumberPoolEntry(VisaCategory Category, Chargeability Chargeability, int Available);

/// <summary>One row of <c>limits.csv</c>: <paramref name="Category"/> is <c>FAMILY</c>,
/// <c>EMPLOYMENT</c>, <c>EW</c> or a preference (<c>F1</c>-<c>F4</c>, <c>EB1</c>-<c>EB5</c>).</summary>
public sealed record AnnualLimitEntry(int FiscalYear, string Category, int AnnualLimit);

/// <summary>Where a month's visa numbers come from. <see cref="Pools"/> (<c>numbers.csv</c>) wins
/// when given; otherwise <see cref="Limits"/> and <see cref="Usage"/> (either one) derive the pools
/// from the Act; with none of the three, only the bulletin limits.</summary>
public sealed record NumbersInput
{
    /// <summary>The pools as given (<c>numbers.csv</c>), or null.</summary>
    public IReadOnlyList<NumberPoolEntry>? Pools { get; init; }

    /// <summary>Annual limits (<c>limits.csv</c>), or null for the Act's defaults.</summary>
    public IReadOnlyList<AnnualLimitEntry>? Limits { get; init; }

    /// <summary>Numbers already used this fiscal year (<c>usage.csv</c>), or null.</summary>
    public IReadOnlyList<NumbersUsed>? Usage { get; init; }

    /// <summary>No numbers source: only the bulletin limits.</summary>
    public static NumbersInput Unlimited { get; } = new();

    /// <summary>True when the pools are derived from the Act.</summary>
    public bool FromTheAct => Pools is null && (Limits is not null || Usage is not null);
}

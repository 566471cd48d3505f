using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;

namespace Scheduler.Analysis.WhatIf;

/// <summary>How a figure changes: set to, raised or lowered by, or scaled by.</summary>
public enum Adjustment
{
    /// <summary><c>N</c>.</summary>
    Set,

    /// <summary><c>+N</c> or <c>-N</c>.</summary>
    Add,

    /// <summary><c>xF</c>.</summary>
    Scale,
}

/// <summary>A parsed <c>N</c>, <c>+N</c>, <c>-N</c> or <c>xF</c>.</summary>
/// <param name="Kind">Set, add or scale.</param>
/// <param name="Amount">The number (signed for add).</param>
public readonly record struct FigureChange(Adjustment Kind, decimal Amount)
{
    /// <summary>Parses the value of <paramref name="text"/>.</summary>
    internal static FigureChange Parse(string text, string value)
    {
        var v = value.Trim();
        if ((v.StartsWith('x') || v.StartsWith('X') || v.StartsWith('*'))
            && decimal.TryParse(v[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor))
        {
            return new FigureChange(Adjustment.Scale, factor);
        }
        if ((v.StartsWith('+') || v.StartsWith('-')) && int.TryParse(v[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var delta))
        {
            return new FigureChange(Adjustment.Add, v[0] == '-' ? -delta : delta);
        }
        if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var set))
        {
            return new FigureChange(Adjustment.Set, set);
        }
        throw ScenarioChange.Bad(text, $"not N, +N, -N or xF: {value}");
    }

    /// <summary>The new figure from <paramref name="current"/>. Throws <see cref="ScenarioChangeException"/>
    /// naming <paramref name="text"/> when it falls below zero or beyond what a file can hold (an <c>int</c>),
    /// rather than clamping or wrapping it.</summary>
    /// <param name="text">The change as given.</param>
    /// <param name="current">The figure now.</param>
    /// <param name="unit">What the figure counts, for the message (<c>seats</c>, <c>numbers</c>).</param>
    public int From(string text, int current, string unit)
    {
        // In decimal, so no step wraps; a factor beyond int range overflows any figure but 0.
        decimal result = Kind switch
        {
            Adjustment.Set => Amount,
            Adjustment.Add => current + Amount,
            _ when current == 0 => 0,
            _ when Amount > int.MaxValue => decimal.MaxValue,
            _ => Math.Round(current * Amount, MidpointRounding.AwayFromZero),
        };
        if (result < 0)
        {
            throw ScenarioChange.Bad(text, $"{current} {unit} would become {result.ToString(CultureInfo.InvariantCulture)}, below zero");
        }
        if (result > int.MaxValue)
        {
            var shown = result == decimal.MaxValue ? "more" : result.ToString(CultureInfo.InvariantCulture);
            throw ScenarioChange.Bad(text, $"{current} {unit} would become {shown}, beyond {int.MaxValue}");
        }
        return (int)result;
    }
}

/// <summary><c>post.CODE.capacity=x1.5|N|+N|-N</c>: the month's seats offered at the post (usable
/// sessions only) become the new total, spread over the same sessions in proportion to their seats,
/// by largest remainder so the total is exact. The month's usable days are written as day overrides.</summary>
public sealed record CapacityChange : ScenarioChange
{
    /// <summary>The post.</summary>
    public required PostCode Post { get; init; }

    /// <summary>The change to its month's seats.</summary>
    public required FigureChange Change { get; init; }

    internal static CapacityChange Parse(string text, PostCode post, string value) => new() { Text = text, Post = post, Change = FigureChange.Parse(text, value) };

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        var index = PostIndex(inputs, Post);
        var post = inputs.Posts[index];
        var sessions = PostCalendar.UsableSessions(post, inputs.Month, inputs.AsOf);
        var current = sessions.Sum(s => s.Capacity);
        if (current == 0)
        {
            throw Bad(Text, $"{Post} offers no seats in {YearMonthPattern.Iso.Format(inputs.Month)} to scale; add sessions (post.{Post}.sessions+=HH:mm/N)");
        }
        var target = Change.From(Text, current, "seats");
        // Largest remainder: each session's exact share, floored, then one more seat to the largest remainders.
        var exact = sessions.Select(s => (decimal)s.Capacity * target / current).ToArray();
        var seats = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = target - seats.Sum();
        foreach (var i in Enumerable.Range(0, seats.Length).OrderByDescending(i => exact[i] - seats[i]).ThenBy(i => i).Take(left))
        {
            seats[i]++;
        }
        var days = post.Days.ToDictionary(kv => kv.Key, kv => kv.Value);
        for (var i = 0; i < sessions.Count;)
        {
            var date = sessions[i].Date;
            var day = new List<SessionTemplate>();
            for (; i < sessions.Count && sessions[i].Date == date; i++)
            {
                day.Add(new SessionTemplate(sessions[i].Start, seats[i]));
            }
            days[date] = day;
        }
        return WithPost(inputs, index, post with { Days = days });
    }
}

/// <summary><c>post.CODE.mix.DIMENSION.VALUE=max:S|target:S|none</c>: sets the post's rule of that
/// kind for that dimension and value (replacing one there was), or removes both kinds.</summary>
public sealed record MixChange : ScenarioChange
{
    /// <summary>The post.</summary>
    public required PostCode Post { get; init; }

    /// <summary>What the rule counts.</summary>
    public required MixDimension Dimension { get; init; }

    /// <summary>The value counted.</summary>
    public required string Value { get; init; }

    /// <summary>The rule set, or null to remove the dimension and value's rules.</summary>
    public MixRule? Rule { get; init; }

    internal static MixChange Parse(string text, PostCode post, string dimension, string value, string rule)
    {
        if (!Enum.TryParse<MixDimension>(dimension, ignoreCase: true, out var parsed) || int.TryParse(dimension, out _))
        {
            throw Bad(text, $"unknown mix dimension {dimension}: expected group, category, visaClass, chargeability, systemSource or language");
        }
        if (value.Length == 0)
        {
            throw Bad(text, "a mix rule names the value it counts");
        }
        if (WhyNotAValue(parsed, value) is { } unknown)
        {
            throw Bad(text, unknown);
        }
        // The spec's own spelling (F4, FAMILY), as the files write them.
        value = parsed is MixDimension.Group or MixDimension.Category ? value.ToUpperInvariant() : value;
        if (rule.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new MixChange { Text = text, Post = post, Dimension = parsed, Value = value };
        }
        var pieces = rule.Split(':');
        MixRuleKind kind = default;
        if (pieces.Length != 2 || !(pieces[0].Equals("max", StringComparison.OrdinalIgnoreCase) || pieces[0].Equals("target", StringComparison.OrdinalIgnoreCase))
            || !Enum.TryParse(pieces[0], ignoreCase: true, out kind)
            || !decimal.TryParse(pieces[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) || share > 1)
        {
            throw Bad(text, $"expected max:SHARE, target:SHARE (a share from 0 to 1) or none, got {rule}");
        }
        return new MixChange { Text = text, Post = post, Dimension = parsed, Value = value, Rule = new MixRule(parsed, value, kind, share) };
    }

    // The spec names the values of two dimensions; the others (class, country, source, language) are open.
    private static string? WhyNotAValue(MixDimension dimension, string value) => dimension switch
    {
        MixDimension.Group when !Enum.GetValues<CategoryGroup>().Any(g => g.Code().Equals(value, StringComparison.OrdinalIgnoreCase)) =>
            $"unknown group {value}: expected IR, FAMILY or EMPLOYMENT",
        MixDimension.Category when !VisaCategories.TryParse(value, out _) =>
            $"unknown category {value}: expected one of {string.Join(", ", Enum.GetValues<VisaCategory>())}",
        _ => null,
    };

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        var index = PostIndex(inputs, Post);
        var post = inputs.Posts[index];
        bool Same(MixRule r) => r.Dimension == Dimension && string.Equals(r.Value, Value, StringComparison.OrdinalIgnoreCase)
            && (Rule is null || r.Kind == Rule.Kind);
        if (Rule is null && !post.Mix.Any(Same))
        {
            throw Bad(Text, $"{Post} has no mix rule on {Dimension} {Value} to remove");
        }
        var mix = post.Mix.Where(r => !Same(r)).ToList();
        if (Rule is not null)
        {
            mix.Add(Rule);
        }
        return WithPost(inputs, index, post with { Mix = mix });
    }
}

/// <summary><c>bulletin.CATEGORY.AREA=yyyy-MM-dd|C|U|+1y|-6m|+30d</c>.</summary>
public sealed record BulletinChange : ScenarioChange
{
    /// <summary>The category.</summary>
    public required VisaCategory Category { get; init; }

    /// <summary><c>ALL</c> or a country.</summary>
    public required Chargeability Area { get; init; }

    /// <summary>The new Final Action Date, when set outright.</summary>
    public FinalActionDate? Value { get; init; }

    /// <summary>The move from the date the area's cases use now, when relative.</summary>
    public Period? Move { get; init; }

    internal static BulletinChange Parse(string text, VisaCategory category, Chargeability area, string value)
    {
        if (!category.IsNumericallyLimited())
        {
            throw Bad(text, "IR is not numerically limited: it has no bulletin row");
        }
        var v = value.Trim();
        if (v.Equals("C", StringComparison.OrdinalIgnoreCase))
        {
            return new BulletinChange { Text = text, Category = category, Area = area, Value = FinalActionDate.Current };
        }
        if (v.Equals("U", StringComparison.OrdinalIgnoreCase))
        {
            return new BulletinChange { Text = text, Category = category, Area = area, Value = FinalActionDate.Unavailable };
        }
        if (v.Length >= 3 && (v[0] == '+' || v[0] == '-') && int.TryParse(v[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n <= MaxMoveDays)
        {
            var signed = v[0] == '-' ? -n : n;
            Period? move = char.ToLowerInvariant(v[^1]) switch
            {
                'y' => Period.FromYears(signed),
                'm' => Period.FromMonths(signed),
                'd' => Period.FromDays(signed),
                _ => null,
            };
            if (move is not null)
            {
                return new BulletinChange { Text = text, Category = category, Area = area, Move = move };
            }
        }
        if (Values.TryDate(v, out var date))
        {
            return new BulletinChange { Text = text, Category = category, Area = area, Value = FinalActionDate.Before(date) };
        }
        throw Bad(text, $"expected a date (yyyy-MM-dd), C, U or a move such as +1y, -6m, +30d, got {value}");
    }

    // The dates the files hold: four-digit years, no sign.
    private static readonly LocalDate FirstDate = new(1, 1, 1);
    private static readonly LocalDate LastDate = new(9999, 12, 31);

    // No move of more days than 0001-01-01 to 9999-12-31 spans can land inside the files' years.
    private const int MaxMoveDays = 3_652_058;

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        CheckArea(inputs, Area, inputs.Bulletin.Any(r => r.Chargeability == Area));
        var rows = inputs.Bulletin.ToList();
        var own = rows.FindIndex(r => r.Category == Category && r.Chargeability == Area);
        var value = Value;
        if (Move is { } move)
        {
            var used = own >= 0 ? rows[own] : rows.FirstOrDefault(r => r.Category == Category && r.Chargeability.IsAll);
            if (used is not { FinalAction.Kind: FinalActionKind.Date })
            {
                throw Bad(Text, $"{Category} {Area} has no Final Action Date to move ({(used is null ? "no row" : used.FinalAction.ToString())}); give a date, C or U");
            }
            value = FinalActionDate.Before(Moved(used.FinalAction.Cutoff, move));
        }
        if (own >= 0)
        {
            rows[own] = rows[own] with { FinalAction = value!.Value };
        }
        else
        {
            rows.Add(new BulletinEntry(Category, Area, value!.Value));
        }
        return inputs with { Bulletin = rows };
    }

    /// <summary><paramref name="cutoff"/> moved, refused unless the date is one the files can hold
    /// (years 0001 to 9999, unsigned), so a variant's <c>bulletin.csv</c> is one <c>plan</c> reads.</summary>
    private LocalDate Moved(LocalDate cutoff, Period move)
    {
        var fits = move switch
        {
            { Years: not 0 } => cutoff.Year + (long)move.Years is >= 1 and <= 9999,
            { Months: not 0 } => cutoff.Year * 12L + cutoff.Month - 1 + move.Months is >= 12 and <= (9999 * 12) + 11,
            _ => move.Days >= 0
                ? move.Days <= Period.Between(cutoff, LastDate, PeriodUnits.Days).Days
                : -move.Days <= Period.Between(FirstDate, cutoff, PeriodUnits.Days).Days,
        };
        return fits ? cutoff.Plus(move)
            : throw Bad(Text, $"{Category} {Area}'s Final Action Date {LocalDatePattern.Iso.Format(cutoff)} would move outside the years 0001 to 9999 the files hold");
    }
}

/// <summary><c>numbers.CATEGORY.AREA=N|+N|-N|xF</c>.</summary>
public sealed record NumbersChange : ScenarioChange
{
    /// <summary>The category.</summary>
    public required VisaCategory Category { get; init; }

    /// <summary><c>ALL</c> or a country with its own pool.</summary>
    public required Chargeability Area { get; init; }

    /// <summary>The change to the pool.</summary>
    public required FigureChange Change { get; init; }

    internal static NumbersChange Parse(string text, VisaCategory category, Chargeability area, string value)
    {
        if (category == VisaCategory.IR)
        {
            throw Bad(text, "IR is not numerically limited: it has no pool");
        }
        return new NumbersChange { Text = text, Category = category, Area = area, Change = FigureChange.Parse(text, value) };
    }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        CheckArea(inputs, Area, inputs.Numbers.Pools?.Any(p => p.Chargeability == Area) == true);
        List<NumberPoolEntry> pools;
        if (inputs.Numbers.Pools is { } given)
        {
            pools = [.. given];
        }
        else if (inputs.Numbers.FromTheAct)
        {
            // Pools derived from the Act are written out as derived, then changed.
            var assembled = ScenarioAssembler.Assemble(inputs);
            if (!assembled.Succeeded)
            {
                throw Bad(Text, "the scenario's numbers cannot be derived: " + assembled.Problems[0].Message);
            }
            pools = assembled.Scenario!.Numbers.Pools.OrderBy(p => p.Key.Category).ThenBy(p => p.Key.Chargeability.Code, StringComparer.Ordinal)
                .Select(p => new NumberPoolEntry(p.Key.Category, p.Key.Chargeability, p.Value)).ToList();
        }
        else
        {
            pools = [];
        }
        var at = pools.FindIndex(p => p.Category == Category && p.Chargeability == Area);
        if (at < 0 && Change.Kind != Adjustment.Set)
        {
            throw Bad(Text, $"no {Category} {Area} pool to change; give the pool's size (numbers.{Category}.{Area}=N)");
        }
        var available = Change.From(Text, at < 0 ? 0 : pools[at].Available, "numbers");
        if (at >= 0)
        {
            pools[at] = pools[at] with { Available = available };
        }
        else
        {
            pools.Add(new NumberPoolEntry(Category, Area, available));
        }
        return inputs with { Numbers = new NumbersInput { Pools = pools } };
    }
}

using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;

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

    /// <summary>The new figure from <paramref name="current"/>, never below zero.</summary>
    public int From(int current) => Kind switch
    {
        Adjustment.Set => (int)Amount,
        Adjustment.Add => Math.Max(0, current + (int)Amount),
        _ => (int)Math.Round(current * Amount, MidpointRounding.AwayFromZero),
    };
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
        var target = Change.From(current);
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
        var v = value.Trim();
        if (v.Equals("C", StringComparison.OrdinalIgnoreCase))
        {
            return new BulletinChange { Text = text, Category = category, Area = area, Value = FinalActionDate.Current };
        }
        if (v.Equals("U", StringComparison.OrdinalIgnoreCase))
        {
            return new BulletinChange { Text = text, Category = category, Area = area, Value = FinalActionDate.Unavailable };
        }
        if (v.Length >= 3 && (v[0] == '+' || v[0] == '-') && int.TryParse(v[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
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
        if (LocalDatePattern.Iso.Parse(v) is { Success: true } date)
        {
            return new BulletinChange { Text = text, Category = category, Area = area, Value = FinalActionDate.Before(date.Value) };
        }
        throw Bad(text, $"expected a date (yyyy-MM-dd), C, U or a move such as +1y, -6m, +30d, got {value}");
    }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
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
            value = FinalActionDate.Before(used.FinalAction.Cutoff.Plus(move));
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
        var available = Change.From(at < 0 ? 0 : pools[at].Available);
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

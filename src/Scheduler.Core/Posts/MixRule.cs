namespace Scheduler.Core.Posts;

/// <summary>A share of a post's scheduled applicants over the month that the post asked for:
/// a hard ceiling (<see cref="MixRuleKind.Max"/>) or a wish (<see cref="MixRuleKind.Target"/>).</summary>
/// <param name="Dimension">What the rule counts.</param>
/// <param name="Value">The value counted, compared case-insensitively (e.g. <c>IVIS</c>, <c>IR</c>, <c>tl</c>).</param>
/// <param name="Kind">Ceiling or wish.</param>
/// <param name="Share">The share, between 0 and 1, as an exact decimal.</param>
public sealed record MixRule(MixDimension Dimension, string Value, MixRuleKind Kind, decimal Share)
{
    /// <summary>Most rules of one kind a post may have (the engine keeps them in 64-bit masks).</summary>
    public const int MaxPerKind = 64;
}

/// <summary>The case attribute a mix rule counts.</summary>
public enum MixDimension
{
    Group, Category, VisaClass, Chargeability, SystemSource, Language,
}

/// <summary>A hard ceiling or a soft target.</summary>
public enum MixRuleKind
{
    Max, Target,
}

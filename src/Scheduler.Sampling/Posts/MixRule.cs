namespace Scheduler.Sampling.Posts;

/// <summary>A posts.json mix rule: a hard ceiling (<see cref="IsMax"/>) or a target share of the post's
/// scheduled applicants for one value of a dimension.</summary>
internal sealed record MixRule(string Dimension, string Value, bool IsMax, decimal Share);

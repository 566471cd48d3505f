using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>Everything posts.json says about one post.</summary>
internal sealed record PostPlan(PostReference Post, PostCalendar Calendar, PostSessions Sessions, IReadOnlyList<MixRule> Mix);

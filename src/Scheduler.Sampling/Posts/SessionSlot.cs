namespace Scheduler.Sampling.Posts;

/// <summary>One interview session: its start (post-local <c>HH:mm</c>) and how many applicants it seats.</summary>
internal readonly record struct SessionSlot(string Start, int Applicants);

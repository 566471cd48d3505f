using NodaTime;

namespace Scheduler.Core.Posts;

/// <summary>An interview session a post offers on a working day: its post-local start time and
/// how many applicants it can interview.</summary>
public readonly record struct SessionTemplate(LocalTime Start, int Applicants);

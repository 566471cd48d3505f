using NodaTime;

namespace Scheduler.Core.Posts;

/// <summary>One concrete session of the month at a post: a date, a post-local start and a capacity in applicants.</summary>
public readonly record struct InterviewSession(PostCode Post, LocalDate Date, LocalTime Start, int Capacity);

using NodaTime;

namespace Scheduler.Sampling.Posts;

/// <summary>A post's sized sessions: the regular day, the <c>days</c> overrides, and the seats they
/// offer over the month (the sum over usable days of session capacities).</summary>
internal sealed record PostSessions(IReadOnlyList<SessionSlot> Regular, IReadOnlyList<(LocalDate Date, IReadOnlyList<SessionSlot> Sessions)> Overrides, int Seats);

using NodaTime;

namespace Scheduler.Sampling.Posts;

/// <summary>The random part of a post's month, drawn before capacities are sized: its notice period,
/// closed dates, usable days, the session start times it prefers, and the occasional reduced day
/// (one short morning session, e.g. Christmas Eve) or day closed by a <c>days</c> override.</summary>
internal sealed record PostCalendar(
    int MinNoticeDays,
    IReadOnlyList<LocalDate> Closed,
    IReadOnlyList<LocalDate> UsableDays,
    int StartTemplate,
    LocalDate? ReducedDay,
    LocalDate? ClosedDay)
{
    /// <summary>Usable days counted by what they offer: a reduced day is half a day, a closed one none.</summary>
    public double EffectiveDays => UsableDays.Count - (ReducedDay is null ? 0 : 0.5) - (ClosedDay is null ? 0 : 1);
}

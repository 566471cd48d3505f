namespace Scheduler.Core.Scheduling;

/// <summary>A month's bookings as a scheduler holds them: the session of each case (-1 when
/// unseated), each post's book, and the numbers left in each pool.</summary>
internal sealed record Booking(int[] SessionOf, PostBook[] Books, int[] PoolLeft);

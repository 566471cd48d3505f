using NodaTime;
using Scheduler.Core.Scheduling;

namespace Scheduler.Storage;

/// <summary>One post's part of a month's live (committed) batch.</summary>
/// <param name="BatchId">The live batch.</param>
/// <param name="Month">Its month.</param>
/// <param name="Appointments">The post's appointments, in the order committed.</param>
/// <param name="Unscheduled">The cases the engine assigned to the post and left out, in the order committed.</param>
public sealed record PostSchedule(long BatchId, YearMonth Month, IReadOnlyList<Appointment> Appointments, IReadOnlyList<UnscheduledCase> Unscheduled);

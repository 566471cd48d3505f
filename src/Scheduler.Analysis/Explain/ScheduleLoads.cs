using Scheduler.Core.Cases;
using Scheduler.Core.Numbers;
using Scheduler.Core.Scheduling;

namespace Scheduler.Analysis.Explain;

/// <summary>A schedule laid over its prepared batch, as the files say it (whatever run wrote them):
/// each case's session, seats taken per session, each post's applicants per <c>max</c> rule and in
/// all, numbers allocated per pool and per case.</summary>
internal sealed class ScheduleLoads
{
    public ScheduleLoads(PreparedBatch batch, Schedule schedule)
    {
        var n = batch.Cases.Length;
        Index = new Dictionary<CaseId, int>(n);
        for (var c = 0; c < n; c++)
        {
            Index[batch.Cases[c].Id] = c;
        }
        SessionOf = new int[n];
        Array.Fill(SessionOf, -1);
        Appointments = new Appointment?[n];
        Reasons = new UnscheduledReason?[n];
        Taken = [.. batch.Posts.Select(p => new int[p.Sessions.Length])];
        PostTotal = new long[batch.Posts.Length];
        MaxCounts = [.. batch.Posts.Select(p => new long[p.MaxRules.Length])];
        foreach (var appointment in schedule.Appointments)
        {
            var c = Index[appointment.CaseId];
            var p = batch.PostOf[c];
            var s = Array.FindIndex(batch.Posts[p].Sessions, x => x.Date == appointment.Date && x.Start == appointment.Start);
            SessionOf[c] = s;
            Appointments[c] = appointment;
            // Seats are the case's traveling applicants, as the engine counts them; the file's
            // applicants column is shown beside them.
            Taken[p][s] += batch.Size[c];
            PostTotal[p] += batch.Size[c];
            var mask = batch.MaxMask[c];
            for (var r = 0; mask != 0; r++, mask >>= 1)
            {
                if ((mask & 1) != 0)
                {
                    MaxCounts[p][r] += batch.Size[c];
                }
            }
        }
        foreach (var unscheduled in schedule.Unscheduled)
        {
            Reasons[Index[unscheduled.CaseId]] = unscheduled.Reason;
        }
        NumbersOf = new int[n];
        PoolAllocated = new Dictionary<VisaNumberPoolKey, int>();
        foreach (var allocation in schedule.Allocations)
        {
            if (Index.TryGetValue(allocation.CaseId, out var c))
            {
                NumbersOf[c]++;
            }
            if (batch.Scenario.Numbers.PoolFor(allocation.Category, allocation.Chargeability) is { } pool)
            {
                PoolAllocated[pool] = PoolAllocated.GetValueOrDefault(pool) + 1;
            }
        }
    }

    /// <summary>Case index by id.</summary>
    public Dictionary<CaseId, int> Index { get; }

    /// <summary>Each case's session index at its post, or -1 when not seated.</summary>
    public int[] SessionOf { get; }

    /// <summary>Each case's appointment as the file gives it.</summary>
    public Appointment?[] Appointments { get; }

    /// <summary>Each unscheduled case's reason as the file gives it.</summary>
    public UnscheduledReason?[] Reasons { get; }

    /// <summary>Seats taken, per post and session.</summary>
    public int[][] Taken { get; }

    /// <summary>Applicants seated per post.</summary>
    public long[] PostTotal { get; }

    /// <summary>Applicants seated per post and <c>max</c> rule that count towards it.</summary>
    public long[][] MaxCounts { get; }

    /// <summary>Allocation rows per case.</summary>
    public int[] NumbersOf { get; }

    /// <summary>Allocation rows per pool.</summary>
    public Dictionary<VisaNumberPoolKey, int> PoolAllocated { get; }

    /// <summary>True when the case is seated.</summary>
    public bool IsSeated(int c) => SessionOf[c] >= 0;
}

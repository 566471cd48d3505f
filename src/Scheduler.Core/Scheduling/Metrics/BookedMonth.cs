using Scheduler.Core.Cases;
using NodaTime;

namespace Scheduler.Core.Scheduling.Metrics;

/// <summary>A schedule replayed onto the prepared batch: the session of each case and each post's
/// book, so that figures and inversions can be judged against the final state.</summary>
internal sealed class BookedMonth
{
    public BookedMonth(PreparedBatch batch, Schedule schedule)
    {
        var n = batch.Cases.Length;
        SessionOf = new int[n];
        Array.Fill(SessionOf, -1);
        Books = [.. batch.Posts.Select(p => new PostBook(p))];
        PoolLeft = (int[])batch.PoolAvailable.Clone();

        var index = new Dictionary<CaseId, int>(n);
        for (var c = 0; c < n; c++)
        {
            index[batch.Cases[c].Id] = c;
        }
        var sessionIndex = batch.Posts.Select(p =>
        {
            var map = new Dictionary<(LocalDate, LocalTime), int>();
            for (var s = 0; s < p.Sessions.Length; s++)
            {
                map[(p.Sessions[s].Date, p.Sessions[s].Start)] = s;
            }
            return map;
        }).ToArray();

        foreach (var appointment in schedule.Appointments)
        {
            if (!index.TryGetValue(appointment.CaseId, out var c) || batch.PostOf[c] < 0
                || !sessionIndex[batch.PostOf[c]].TryGetValue((appointment.Date, appointment.Start), out var s))
            {
                throw new ArgumentException($"appointment of case {appointment.CaseId} is not a usable session of its post", nameof(schedule));
            }
            SessionOf[c] = s;
            Books[batch.PostOf[c]].Book(s, batch.Size[c], batch.MaxMask[c], batch.TargetMask[c]);
            if (batch.PoolOf[c] >= 0)
            {
                PoolLeft[batch.PoolOf[c]] -= batch.Size[c];
            }
        }
    }

    /// <summary>A view of bookings being made (the scheduler's own state, shared, not copied).</summary>
    public BookedMonth(int[] sessionOf, PostBook[] books, int[] poolLeft)
    {
        SessionOf = sessionOf;
        Books = books;
        PoolLeft = poolLeft;
    }

    public int[] SessionOf { get; }

    public PostBook[] Books { get; }

    public int[] PoolLeft { get; }
}

using Scheduler.Core.Posts;

namespace Scheduler.Core.Scheduling;

/// <summary>Turns a booking (a session per case) into a <see cref="Schedule"/>: appointments,
/// one number per traveling applicant of a limited category, and each other case's first reason.</summary>
internal static class ScheduleBuilder
{
    /// <summary>Builds the schedule; <paramref name="books"/> and <paramref name="poolLeft"/> must
    /// reflect <paramref name="sessionOf"/> (they judge the reasons of unseated eligible cases).</summary>
    public static Schedule Build(PreparedBatch batch, PostBook[] books, int[] sessionOf, int[] poolLeft)
    {
        var cases = batch.Cases;
        var seated = new List<int>();
        var unscheduled = new List<UnscheduledCase>();
        for (var c = 0; c < cases.Length; c++)
        {
            if (sessionOf[c] >= 0)
            {
                seated.Add(c);
                continue;
            }
            var reason = batch.StaticReason[c] ?? DynamicReason(batch, books, poolLeft, c);
            var post = batch.PostOf[c];
            unscheduled.Add(new UnscheduledCase(cases[c].Id, reason) { Post = post >= 0 ? batch.Posts[post].Post.Code : (PostCode?)null });
        }

        seated.Sort((a, b) =>
        {
            var byPost = batch.PostOf[a].CompareTo(batch.PostOf[b]);
            if (byPost != 0)
            {
                return byPost;
            }
            var bySession = sessionOf[a].CompareTo(sessionOf[b]);
            return bySession != 0 ? bySession : cases[a].Id.CompareTo(cases[b].Id);
        });

        var appointments = new List<Appointment>(seated.Count);
        var allocations = new List<VisaNumberAllocation>();
        foreach (var c in seated)
        {
            var visaCase = cases[c];
            var session = batch.Posts[batch.PostOf[c]].Sessions[sessionOf[c]];
            appointments.Add(new Appointment(visaCase.Id, session.Post, session.Date, session.Start, batch.Size[c]));
            if (!Categories.VisaCategories.IsNumericallyLimited(visaCase.Category))
            {
                continue;
            }
            foreach (var applicant in visaCase.Applicants)
            {
                if (applicant.Traveling)
                {
                    allocations.Add(new VisaNumberAllocation(applicant.Id, visaCase.Id, visaCase.Category, visaCase.Chargeability));
                }
            }
        }
        return new Schedule(appointments, allocations, unscheduled);
    }

    /// <summary>NO_NUMBERS, MIX_LIMIT or NO_CAPACITY, judged against the final schedule.</summary>
    private static UnscheduledReason DynamicReason(PreparedBatch batch, PostBook[] books, int[] poolLeft, int c)
    {
        var pool = batch.PoolOf[c];
        if (pool >= 0 && poolLeft[pool] < batch.Size[c])
        {
            return UnscheduledReason.NoNumbers;
        }
        return books[batch.PostOf[c]].KeepsMaxRules(batch.MaxMask[c], batch.Size[c])
            ? UnscheduledReason.NoCapacity
            : UnscheduledReason.MixLimit;
    }
}

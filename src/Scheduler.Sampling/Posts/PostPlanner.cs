using Scheduler.Sampling.Demand;
using Scheduler.Sampling.Profiles;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>Plans every post's month once the demand is known: calendars, a seat budget that adds up
/// to the profile's total, sessions sized to it, and mix rules.</summary>
internal static class PostPlanner
{
    public static PostPlan[] Plan(IReadOnlyList<PostReference> posts, DemandTally tally, ProfileShape shape, SplitMix64 random)
    {
        var calendars = posts.Select(p => SessionPlanner.DrawCalendar(p, random)).ToArray();
        var budget = SeatBudget.Draw(tally, shape.SeatTarget, random);
        var targets = budget.Targets;
        var sessions = Size(calendars, targets, shape);

        // Rounding up to whole seats and minimum session sizes drift from the target; rescale the
        // posts that are short of seats (never past their ceiling) until the total is close.
        for (var round = 0; round < 4; round++)
        {
            var roomySeats = 0;
            var tightSeats = 0;
            for (var p = 0; p < posts.Count; p++)
            {
                if (budget.Roomy[p])
                {
                    roomySeats += sessions[p].Seats;
                }
                else
                {
                    tightSeats += sessions[p].Seats;
                }
            }
            var factor = (double)(shape.SeatTarget - roomySeats) / Math.Max(1, tightSeats);
            if (tightSeats == 0 || Math.Abs(factor - 1) < 0.002)
            {
                break;
            }
            for (var p = 0; p < posts.Count; p++)
            {
                if (!budget.Roomy[p])
                {
                    targets[p] = Math.Min(SeatBudget.TightCeiling * tally.PostDemand(p), targets[p] * factor);
                }
            }
            sessions = Size(calendars, targets, shape);
        }

        return [.. posts.Select((post, p) => new PostPlan(post, calendars[p], sessions[p], MixRulePlanner.Draw(post, p, tally, random)))];
    }

    private static PostSessions[] Size(PostCalendar[] calendars, double[] targets, ProfileShape shape) =>
        [.. calendars.Select((calendar, p) => SessionPlanner.Size(calendar, targets[p], shape.MinimumSessionCapacity))];
}

using Scheduler.Sampling.Demand;
using Scheduler.Sampling.Randomness;

namespace Scheduler.Sampling.Posts;

/// <summary>Splits the month's seats between posts the way NVC's month looks: some smaller posts can
/// see everyone who is ready (seats above demand); the rest, always including the busiest, share
/// what is left in rough proportion to their demand and stay short of it.</summary>
internal static class SeatBudget
{
    /// <summary>A post short of seats gets at most this share of its demand.</summary>
    public const double TightCeiling = 0.9;

    private const double MaxRoomyShare = 0.3;
    private const double MaxRoomyFirst = 0.5;

    /// <summary>Seat targets per post and which posts are meant to have room for everyone.</summary>
    public sealed record Plan(double[] Targets, bool[] Roomy);

    public static Plan Draw(DemandTally tally, int seatTarget, SplitMix64 random)
    {
        var count = tally.PostCount;
        var targets = new double[count];
        var roomy = new bool[count];
        var byDemand = Enumerable.Range(0, count).OrderBy(tally.PostDemand).ThenBy(p => p).ToArray();
        var roomySeats = 0.0;
        for (var rank = 0; rank < count - 1; rank++)
        {
            var post = byDemand[rank];
            var wanted = rank == 0 || (rank < count / 2 && random.Chance(0.4));
            var seats = tally.PostDemand(post) * random.Uniform(1.1, 1.5) + 2;
            // The roomy posts may take a share of the month's seats, not all of them.
            if (wanted && roomySeats + seats <= seatTarget * (rank == 0 ? MaxRoomyFirst : MaxRoomyShare))
            {
                roomy[post] = true;
                targets[post] = seats;
                roomySeats += seats;
            }
        }

        var left = Math.Max(0, seatTarget - targets.Sum());
        var weights = new double[count];
        for (var p = 0; p < count; p++)
        {
            weights[p] = roomy[p] ? 0 : tally.PostDemand(p) * random.Uniform(0.6, 1.4);
        }
        var totalWeight = Math.Max(1, weights.Sum());
        for (var p = 0; p < count; p++)
        {
            if (!roomy[p])
            {
                targets[p] = Math.Min(TightCeiling * tally.PostDemand(p), left * weights[p] / totalWeight);
            }
        }
        return new Plan(targets, roomy);
    }
}

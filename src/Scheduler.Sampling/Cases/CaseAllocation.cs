using Scheduler.Sampling.Profiles;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>How many cases each post gets: in proportion to <see cref="CategoryWeights.Size"/> (its
/// square root for the damped profiles), at least the profile's minimum, exactly the profile's total
/// (largest remainders). No randomness: the sizes of a profile are the same for every seed.</summary>
internal static class CaseAllocation
{
    public static int[] For(IReadOnlyList<PostReference> posts, ProfileShape shape)
    {
        var weights = posts.Select(p => shape.DampPostSizes ? Math.Sqrt(CategoryWeights.Size(p)) : CategoryWeights.Size(p)).ToArray();
        var counts = new int[posts.Count];
        Array.Fill(counts, shape.MinimumCasesPerPost);
        var remaining = shape.CaseCount - shape.MinimumCasesPerPost * posts.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(remaining, nameof(shape));

        var total = weights.Sum();
        var remainders = new double[posts.Count];
        var given = 0;
        for (var p = 0; p < posts.Count; p++)
        {
            var exact = remaining * weights[p] / total;
            var whole = (int)Math.Floor(exact);
            counts[p] += whole;
            given += whole;
            remainders[p] = exact - whole;
        }
        foreach (var p in Enumerable.Range(0, posts.Count).OrderByDescending(p => remainders[p]).ThenBy(p => p).Take(remaining - given))
        {
            counts[p]++;
        }
        return counts;
    }
}

using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>How likely each category is at a post: its FY2019 principal issuances, with the
/// preference categories counted <see cref="PreferenceBacklog"/> times, because NVC's
/// documentarily-qualified list holds preference cases that wait for their priority date while
/// immediate relatives go straight through; plus a little of the worldwide mix so that a small post
/// can still have a case of a category it issued none of in FY2019.</summary>
internal static class CategoryWeights
{
    public const double PreferenceBacklog = 2.0;
    private const double WorldwidePrior = 3.0;

    private static readonly double[] Worldwide = WorldwideShares();

    public static double[] For(PostReference post)
    {
        var weights = new double[Categories.Count];
        for (var c = 0; c < weights.Length; c++)
        {
            weights[c] = Weight(post, c) + WorldwidePrior * Worldwide[c];
        }
        return weights;
    }

    /// <summary>The post's expected number of cases, relative to the other posts.</summary>
    public static double Size(PostReference post)
    {
        var size = 0.0;
        for (var c = 0; c < Categories.Count; c++)
        {
            size += Weight(post, c);
        }
        return size;
    }

    private static double Weight(PostReference post, int category) =>
        post.PrincipalIssuances[category] * (category == (int)Category.IR ? 1.0 : PreferenceBacklog);

    private static double[] WorldwideShares()
    {
        var totals = new double[Categories.Count];
        foreach (var post in PostReferenceTable.All)
        {
            for (var c = 0; c < totals.Length; c++)
            {
                totals[c] += Weight(post, c);
            }
        }
        var sum = totals.Sum();
        return [.. totals.Select(t => t / sum)];
    }
}

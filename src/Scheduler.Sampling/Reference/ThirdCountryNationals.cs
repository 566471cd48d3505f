namespace Scheduler.Sampling.Reference;

/// <summary>How many of a post's applicants are nationals of another country living in its district,
/// and of which countries: the Gulf posts' South Asian, Filipino and Egyptian workers, Chinese
/// nationals in Hong Kong and Singapore, and so on; elsewhere a few percent, mostly from the
/// oversubscribed states. Chosen by hand to look like the FY2024 issuances by chargeability
/// (shared/data/iv_issuances_by_fsc_class_FY2024_monthly.csv), not fitted to them.</summary>
internal static class ThirdCountryNationals
{
    /// <summary>The share of the post's cases, the countries and their weights.</summary>
    public sealed record Mix(double Share, string[] Countries, double[] Weights);

    private static readonly Mix Default = new(0.03, ["MX", "IN", "CN", "PH"], [25, 25, 25, 25]);
    private static readonly Mix Gulf = new(0.40, ["IN", "PH", "PK", "EG", "BD", "LK", "NP"], [35, 25, 12, 12, 8, 4, 4]);
    private static readonly Mix EastAsia = new(0.10, ["CN", "PH", "IN"], [50, 30, 20]);
    private static readonly Mix Oceania = new(0.20, ["CN", "IN", "PH", "GB", "FJ"], [30, 30, 20, 10, 10]);

    private static readonly Dictionary<string, Mix> ByPost = new(StringComparer.Ordinal)
    {
        ["ABD"] = new(0.45, ["IN", "PH", "PK", "EG", "BD", "LK", "JO", "LB"], [30, 20, 15, 10, 8, 5, 6, 6]),
        ["KWT"] = Gulf, ["DOH"] = Gulf, ["MNM"] = Gulf, ["MST"] = Gulf, ["RID"] = Gulf,
        ["HNK"] = new(0.35, ["CN", "PH", "IN"], [80, 10, 10]),
        ["SGP"] = new(0.35, ["CN", "IN", "MY", "PH"], [40, 30, 20, 10]),
        ["LND"] = new(0.20, ["IN", "PK", "NG", "CN", "GH"], [30, 20, 20, 15, 15]),
        ["MTL"] = new(0.20, ["CN", "IN", "PH", "HT", "MA"], [30, 25, 15, 15, 15]),
        ["FRN"] = new(0.15, ["TR", "AF", "IN", "CN", "SY"], [30, 20, 20, 15, 15]),
        ["TKY"] = EastAsia, ["SEO"] = EastAsia, ["NHA"] = EastAsia,
        ["SYD"] = Oceania, ["AKL"] = Oceania,
        ["JHN"] = new(0.15, ["ZW", "NG", "IN", "CN"], [40, 20, 20, 20]),
    };

    public static Mix For(PostReference post) => ByPost.GetValueOrDefault(post.Code, Default);
}

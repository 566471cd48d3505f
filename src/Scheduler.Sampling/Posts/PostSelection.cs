using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>Which posts a profile uses, in posts.json order (largest first, as in the reference table):
/// every profile has at least one post designated for a suspended-operations country.</summary>
internal static class PostSelection
{
    private static readonly string[] TinyPosts = ["CDJ", "MNL", "ABD"];
    private static readonly string[] SmallPosts = ["CDJ", "SDO", "HCM", "GUZ", "MNL", "BMB", "DHK", "ABD", "WRW", "NRB"];
    private const int MediumPostCount = 50;

    public static PostReference[] For(SampleProfile profile) => profile switch
    {
        SampleProfile.Tiny => ByCode(TinyPosts),
        SampleProfile.Small => ByCode(SmallPosts),
        SampleProfile.Medium => Medium(),
        _ => [.. PostReferenceTable.All],
    };

    private static PostReference[] ByCode(string[] codes) => [.. PostReferenceTable.All.Where(p => codes.Contains(p.Code))];

    /// <summary>All the designated posts, then the largest of the others.</summary>
    private static PostReference[] Medium()
    {
        var designated = PostReferenceTable.All.Where(p => p.DesignatedFor.Length > 0).ToHashSet();
        var others = PostReferenceTable.All.Where(p => !designated.Contains(p)).Take(MediumPostCount - designated.Count);
        var chosen = designated.Concat(others).ToHashSet();
        return [.. PostReferenceTable.All.Where(chosen.Contains)];
    }
}

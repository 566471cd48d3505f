using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>The spec's post assignment for a case without a post: by residence, the first post
/// designated for it, else the first that serves it; failing both, the same for nationality. The
/// generator leaves <c>post</c> empty only when this rule lands on the post it means.</summary>
internal sealed class PostRouter(IReadOnlyList<PostReference> posts)
{
    /// <summary>The index of the post the engine will assign, or -1 for NO_POST.</summary>
    public int Route(string residence, string nationality)
    {
        var byResidence = Route(residence);
        return byResidence >= 0 ? byResidence : Route(nationality);
    }

    private int Route(string country)
    {
        for (var p = 0; p < posts.Count; p++)
        {
            if (posts[p].DesignatedFor.Any(d => d.Country == country))
            {
                return p;
            }
        }
        for (var p = 0; p < posts.Count; p++)
        {
            if (posts[p].Serves.Contains(country))
            {
                return p;
            }
        }
        return -1;
    }
}

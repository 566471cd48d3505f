using Scheduler.Core.Cases;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Assignment;

/// <summary>Decides the post a case is interviewed at (9 FAM 504.4-8): the post given; else, for
/// the country of residence, the first post designated for it (suspended operations) or the first
/// that serves it; else the same two steps for the country of nationality.</summary>
public sealed class PostAssignment
{
    private readonly Dictionary<PostCode, Post> _byCode;
    private readonly Dictionary<string, Post> _designated = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Post> _serving = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the posts; the first post in file order wins each country.</summary>
    public PostAssignment(IReadOnlyList<Post> posts)
    {
        _byCode = new Dictionary<PostCode, Post>();
        foreach (var post in posts)
        {
            _byCode.TryAdd(post.Code, post);
            foreach (var country in post.DesignatedFor)
            {
                _designated.TryAdd(country, post);
            }
            foreach (var country in post.Serves)
            {
                _serving.TryAdd(country, post);
            }
        }
    }

    /// <summary>The case's post, or null for <c>NO_POST</c>.</summary>
    public Post? PostFor(VisaCase visaCase)
    {
        if (visaCase.Post is { } code && code.Value.Length > 0)
        {
            return _byCode.GetValueOrDefault(code);
        }
        return ForCountry(visaCase.Residence) ?? ForCountry(visaCase.Nationality);
    }

    private Post? ForCountry(string? country) =>
        string.IsNullOrEmpty(country) ? null
        : _designated.GetValueOrDefault(country) ?? _serving.GetValueOrDefault(country);
}

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
    public Post? PostFor(VisaCase visaCase) => Assign(visaCase).Post;

    /// <summary>The case's post and which step of the assignment found it.</summary>
    public AssignedPost Assign(VisaCase visaCase)
    {
        if (visaCase.Post is { } code && code.Value.Length > 0)
        {
            return new AssignedPost(_byCode.GetValueOrDefault(code), PostAssignmentBasis.Given);
        }
        return ForCountry(visaCase.Residence, PostAssignmentBasis.DesignatedForResidence, PostAssignmentBasis.ServesResidence)
            ?? ForCountry(visaCase.Nationality, PostAssignmentBasis.DesignatedForNationality, PostAssignmentBasis.ServesNationality)
            ?? new AssignedPost(null, PostAssignmentBasis.None);
    }

    private AssignedPost? ForCountry(string? country, PostAssignmentBasis designated, PostAssignmentBasis serves) =>
        string.IsNullOrEmpty(country) ? null
        : _designated.GetValueOrDefault(country) is { } d ? new AssignedPost(d, designated)
        : _serving.GetValueOrDefault(country) is { } s ? new AssignedPost(s, serves)
        : null;
}

/// <summary>A case's post (null for <c>NO_POST</c>) and the step of 9 FAM 504.4-8 that chose it.</summary>
public sealed record AssignedPost(Post? Post, PostAssignmentBasis Basis);

/// <summary>Which step of post assignment chose a case's post.</summary>
public enum PostAssignmentBasis
{
    /// <summary>No step found a post.</summary>
    None,
    /// <summary>The post given in <c>cases.csv</c>.</summary>
    Given,
    /// <summary>The first post designated for the country of residence.</summary>
    DesignatedForResidence,
    /// <summary>The first post serving the country of residence.</summary>
    ServesResidence,
    /// <summary>The first post designated for the country of nationality.</summary>
    DesignatedForNationality,
    /// <summary>The first post serving the country of nationality.</summary>
    ServesNationality,
}

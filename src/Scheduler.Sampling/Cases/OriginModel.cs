using Scheduler.Sampling.Posts;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>Draws a case's <see cref="CaseOrigin"/>: mostly nationals of the post's country living
/// there; residents of the suspended-operations countries it is designated for; residents of the
/// neighbouring countries it serves; third-country nationals; and, on the slots the caller marks,
/// Afghans and Haitians, for whom no post is designated and whose case therefore ends NO_POST.</summary>
internal sealed class OriginModel(IReadOnlyList<PostReference> posts, PostRouter router)
{
    /// <summary>Share of ordinary cases whose <c>post</c> is left empty for the engine to assign.</summary>
    private const double UnassignedShare = 0.10;

    /// <summary>Share of cases at a post with neighbours that live in one of them.</summary>
    private const double NeighbourShare = 0.10;

    private static readonly string[] NoPostCountries = ["AF", "HT"];

    public CaseOrigin Draw(int postIndex, bool noPostSlot, SplitMix64 random)
    {
        var post = posts[postIndex];
        if (noPostSlot)
        {
            var country = random.Pick(NoPostCountries);
            return new CaseOrigin(country, country, country, CountryLanguages.Of(country), LeavePostEmpty: true, PostIndex: router.Route(country, country), null);
        }

        var roll = random.NextDouble();
        foreach (var designated in post.DesignatedFor)
        {
            roll -= designated.Share;
            if (roll < 0)
            {
                var country = designated.Country;
                var routed = router.Route(country, country) == postIndex;
                return new CaseOrigin(country, country, country, CountryLanguages.Of(country), routed, postIndex, designated.VisaClassOnly);
            }
        }

        var residence = post.Country;
        var nationality = post.Country;
        string? language = null;
        if (post.Serves.Length > 1 && random.Chance(NeighbourShare))
        {
            residence = nationality = post.Serves[random.Next(1, post.Serves.Length)];
        }
        else if (ThirdCountryNationals.For(post) is var foreign && random.Chance(foreign.Share))
        {
            nationality = foreign.Countries[random.Pick(foreign.Weights)];
            // Many third-country nationals are interviewed in English rather than their own language.
            language = random.Chance(0.4) ? "en" : CountryLanguages.Of(nationality);
        }
        var leaveEmpty = random.Chance(UnassignedShare) && router.Route(residence, nationality) == postIndex;
        return new CaseOrigin(residence, nationality, nationality, language, leaveEmpty, postIndex, null);
    }
}

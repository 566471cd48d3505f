using Scheduler.Sampling.Demand;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Posts;

/// <summary>Draws a post's mix rules, the "percentage of applicants desired" of 9 FAM 504.4-6: an IR
/// target at the post's real FY2019 share, a ceiling on old IVIS cases, a target for the main
/// interview language, a ceiling on the language of the suspended-operations country a post is
/// designated for or on its second language (interpreters are scarce), now and then a ceiling on F4
/// or a chargeability target.
/// Ceilings are set around the share in the post's actual demand, so some bind and some do not.</summary>
internal static class MixRulePlanner
{
    private static readonly decimal[] IvisCeilings = [0.15m, 0.20m, 0.25m, 0.30m];

    public static IReadOnlyList<MixRule> Draw(PostReference post, int postIndex, DemandTally tally, SplitMix64 random)
    {
        var rules = new List<MixRule>();
        var demand = Math.Max(1, tally.PostDemand(postIndex));

        if (random.Chance(0.6) && Share(post.ImmediateRelativeShare) is > 0m and < 1m and var irShare)
        {
            rules.Add(new MixRule("group", "IR", IsMax: false, irShare));
        }
        if (random.Chance(0.5))
        {
            rules.Add(new MixRule("systemSource", "IVIS", IsMax: true, random.Pick(IvisCeilings)));
        }
        if (post.Languages.Codes.Length > 1 && random.Chance(0.3))
        {
            var main = post.Languages.Main;
            rules.Add(new MixRule("language", main, IsMax: false, Share(post.Languages.ShareOf(main))));
        }
        var interpreted = post.DesignatedFor.Select(d => CountryLanguages.Of(d.Country)).FirstOrDefault(l => l != post.Languages.Main);
        if (interpreted is not null && random.Chance(0.6))
        {
            AddCeiling(rules, "language", interpreted, tally.LanguageDemand(postIndex).GetValueOrDefault(interpreted), demand, random);
        }
        else if (post.Languages.Codes.Length > 1 && random.Chance(0.2))
        {
            var second = post.Languages.Codes.First(l => l != post.Languages.Main);
            AddCeiling(rules, "language", second, tally.LanguageDemand(postIndex).GetValueOrDefault(second), demand, random);
        }
        if (tally.CategoryDemand(postIndex, Category.F4) > 0.1 * demand && random.Chance(0.1))
        {
            AddCeiling(rules, "category", "F4", tally.CategoryDemand(postIndex, Category.F4), demand, random);
        }
        if (ThirdCountryNationals.For(post).Share >= 0.2 && random.Chance(0.3))
        {
            rules.Add(new MixRule("chargeability", post.Country, IsMax: false, Share(1 - ThirdCountryNationals.For(post).Share)));
        }
        return rules;
    }

    private static void AddCeiling(List<MixRule> rules, string dimension, string value, int count, int demand, SplitMix64 random)
    {
        if (count == 0)
        {
            return;
        }
        var share = (double)count / demand * random.Uniform(0.8, 1.3);
        rules.Add(new MixRule(dimension, value, IsMax: true, Share(Math.Clamp(share, 0.05, 0.95))));
    }

    private static decimal Share(double value) => Math.Round((decimal)value, 2, MidpointRounding.ToEven);
}

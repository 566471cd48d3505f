using Scheduler.Sampling.Bulletin;
using Scheduler.Sampling.Cases;
using Scheduler.Sampling.Demand;
using Scheduler.Sampling.Numbers;
using Scheduler.Sampling.Posts;
using Scheduler.Sampling.Profiles;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Settings;

namespace Scheduler.Sampling;

/// <summary>Writes deterministic synthetic scenarios that look like NVC's December 2026 batch (asOf
/// 16 November 2026): real IV posts with their time zones, work weeks and holidays, sized and mixed
/// by FY2019 issuances; posts designated for suspended-operations countries and residents routed
/// to them; the August 2026 Visa Bulletin; visa numbers of which some pools bind; posts with more
/// demand than seats and posts with fewer. See the reference tables for the provenance of each figure.</summary>
public static class SampleGenerator
{
    /// <summary>Writes settings.json, cases.csv, applicants.csv, posts.json, bulletin.csv and
    /// numbers.csv into <paramref name="directory"/> (which exists and is empty). The same profile and
    /// seed always write the same bytes, on any machine.</summary>
    public static void Write(SampleProfile profile, int seed, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"the sample folder '{directory}' does not exist");
        }
        var shape = ProfileShape.For(profile);
        var posts = PostSelection.For(profile);
        var tally = new DemandTally(posts.Length);

        CasesCsvWriter.Write(directory, posts, CaseAllocation.For(posts, shape), SplitMix64.For(seed, profile, RandomStream.Cases), tally);
        var plans = PostPlanner.Plan(posts, tally, shape, SplitMix64.For(seed, profile, RandomStream.Posts));
        PostsJsonWriter.Write(Path.Combine(directory, SampleFiles.Posts), plans);
        NumbersCsvWriter.Write(Path.Combine(directory, SampleFiles.Numbers), NumbersPlanner.Plan(plans, tally, SplitMix64.For(seed, profile, RandomStream.Numbers)));
        BulletinCsvWriter.Write(Path.Combine(directory, SampleFiles.Bulletin));
        SettingsJsonWriter.Write(Path.Combine(directory, SampleFiles.Settings));
    }
}

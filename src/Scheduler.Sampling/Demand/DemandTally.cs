using Scheduler.Sampling.Cases;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Demand;

/// <summary>What the written cases ask for, counted as they stream past: traveling applicants of
/// eligible cases per post, per visa-number pool and per pool at each post, and the make-up of each
/// post's demand (groups, categories, system source, languages), which the seats, the numbers and
/// the mix rules are then sized against.</summary>
internal sealed class DemandTally
{
    private const int PoolCount = Categories.Count * ChargeabilityArea.Count;

    private readonly int[] _postDemand;
    private readonly int[] _poolDemand = new int[PoolCount];
    private readonly int[,] _poolPostDemand;
    private readonly int[,] _categoryDemand;
    private readonly int[] _ivisDemand;
    private readonly SortedDictionary<string, int>[] _languageDemand;

    public DemandTally(int postCount)
    {
        _postDemand = new int[postCount];
        _poolPostDemand = new int[PoolCount, postCount];
        _categoryDemand = new int[postCount, Categories.Count];
        _ivisDemand = new int[postCount];
        _languageDemand = [.. Enumerable.Range(0, postCount).Select(_ => new SortedDictionary<string, int>(StringComparer.Ordinal))];
    }

    public int PostCount => _postDemand.Length;
    public int Cases { get; private set; }
    public int Applicants { get; private set; }

    public void Add(SampleCase sample)
    {
        Cases++;
        Applicants += sample.ApplicantCount;
        if (!sample.IsEligible)
        {
            return;
        }
        var post = sample.PostIndex;
        var traveling = sample.TravelingCount;
        _postDemand[post] += traveling;
        _categoryDemand[post, (int)sample.Category] += traveling;
        _ivisDemand[post] += sample.SystemSource == "IVIS" ? traveling : 0;
        _languageDemand[post][sample.Language] = _languageDemand[post].GetValueOrDefault(sample.Language) + traveling;
        if (sample.Category.IsLimited())
        {
            var pool = Pool(sample.Category, sample.Area);
            _poolDemand[pool] += traveling;
            _poolPostDemand[pool, post] += traveling;
        }
    }

    /// <summary>Traveling applicants of the post's eligible cases.</summary>
    public int PostDemand(int post) => _postDemand[post];

    public int PoolDemand(Category category, int area) => _poolDemand[Pool(category, area)];

    public int PoolDemandAt(Category category, int area, int post) => _poolPostDemand[Pool(category, area), post];

    public int CategoryDemand(int post, Category category) => _categoryDemand[post, (int)category];

    public int IvisDemand(int post) => _ivisDemand[post];

    /// <summary>The post's eligible traveling applicants per interview language, in ordinal order.</summary>
    public IReadOnlyDictionary<string, int> LanguageDemand(int post) => _languageDemand[post];

    private static int Pool(Category category, int area) => (int)category * ChargeabilityArea.Count + area;
}

using NodaTime;
using Scheduler.Core.Assignment;
using Scheduler.Core.Cases;
using Scheduler.Core.Numbers;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Scheduling;

/// <summary>A scenario turned into the flat facts schedulers work on: cases by index with their
/// post, size, documents limit, pool and static reason; posts with their usable sessions and
/// rules; pools with their eligible cases in pool order.</summary>
internal sealed class PreparedBatch
{
    /// <summary>Most mix rules of one kind a post may have (one bit each in a case's mask).</summary>
    public const int MaxRulesPerKind = MixRule.MaxPerKind;

    private PreparedBatch(Scenario scenario)
    {
        Scenario = scenario;
        var cases = scenario.Cases;
        var n = cases.Count;
        Cases = [.. cases];
        Keys = new CaseKeys(Cases);
        _queues = new Lazy<PostQueues>(() => PostQueues.Build(this));
        PostOf = new int[n];
        Size = new int[n];
        DocumentsLimit = new LocalDate[n];
        PoolOf = new int[n];
        StaticReason = new UnscheduledReason?[n];
        MaxMask = new ulong[n];
        TargetMask = new ulong[n];

        Posts = [.. scenario.Posts.Select(p => new PreparedPost(p, scenario.Month, scenario.AsOf))];
        var postIndex = new Dictionary<PostCode, int>();
        for (var p = 0; p < Posts.Length; p++)
        {
            postIndex.TryAdd(Posts[p].Post.Code, p);
        }

        var pools = new List<VisaNumberPoolKey>();
        var poolIndex = new Dictionary<VisaNumberPoolKey, int>();
        var assignment = new PostAssignment(scenario.Posts);
        for (var c = 0; c < n; c++)
        {
            var visaCase = cases[c];
            var post = assignment.PostFor(visaCase);
            var p = post is null ? -1 : postIndex[post.Code];
            PostOf[c] = p;
            Size[c] = visaCase.TravelingCount();
            DocumentsLimit[c] = visaCase.DocumentsValidThrough() ?? LocalDate.MaxIsoValue;
            StaticReason[c] = Eligibility.StaticReason(visaCase, scenario.AsOf, scenario.Bulletin, p >= 0, p >= 0 ? Posts[p].FirstUsableDate : null);
            PoolOf[c] = -1;
            if (scenario.Numbers.PoolFor(visaCase.Category, visaCase.Chargeability) is { } key)
            {
                if (!poolIndex.TryGetValue(key, out var pool))
                {
                    pool = pools.Count;
                    poolIndex.Add(key, pool);
                    pools.Add(key);
                }
                PoolOf[c] = pool;
            }
            if (p >= 0)
            {
                MaxMask[c] = Mask(Posts[p].MaxRules, visaCase);
                TargetMask[c] = Mask(Posts[p].TargetRules, visaCase);
            }
        }

        PoolKeys = [.. pools];
        PoolAvailable = [.. pools.Select(scenario.Numbers.Available)];
        var eligibleByPool = pools.Select(_ => new List<int>()).ToArray();
        for (var c = 0; c < n; c++)
        {
            if (StaticReason[c] is null && PoolOf[c] >= 0)
            {
                eligibleByPool[PoolOf[c]].Add(c);
            }
        }
        PoolOrder = [.. eligibleByPool.Select(list =>
        {
            var array = list.ToArray();
            Keys.SortInPool(array);
            return array;
        })];
    }

    private readonly Lazy<PostQueues> _queues;

    /// <summary>The cases' orders, compared by index.</summary>
    public CaseKeys Keys { get; }

    /// <summary>Each post's queues, built on first use and shared by everything that plans or judges the batch.</summary>
    public PostQueues Queues => _queues.Value;

    /// <summary>The scenario this batch was prepared from.</summary>
    public Scenario Scenario { get; }

    /// <summary>The cases, by index.</summary>
    public VisaCase[] Cases { get; }

    /// <summary>Each case's post index, or -1 for <c>NO_POST</c>.</summary>
    public int[] PostOf { get; }

    /// <summary>Each case's traveling applicants: its seats and numbers.</summary>
    public int[] Size { get; }

    /// <summary>The last date each case may be interviewed on for its documents (<see cref="LocalDate.MaxIsoValue"/> when none expire).</summary>
    public LocalDate[] DocumentsLimit { get; }

    /// <summary>Each case's pool index, or -1 when numbers do not cap it.</summary>
    public int[] PoolOf { get; }

    /// <summary>Each case's static reason; null when it competes for a seat.</summary>
    public UnscheduledReason?[] StaticReason { get; }

    /// <summary>Bit r set when the case counts towards its post's r-th <c>max</c> rule.</summary>
    public ulong[] MaxMask { get; }

    /// <summary>Bit r set when the case counts towards its post's r-th <c>target</c> rule.</summary>
    public ulong[] TargetMask { get; }

    /// <summary>The posts, in file order.</summary>
    public PreparedPost[] Posts { get; }

    /// <summary>The pools cases draw on.</summary>
    public VisaNumberPoolKey[] PoolKeys { get; }

    /// <summary>Numbers each pool starts with.</summary>
    public int[] PoolAvailable { get; }

    /// <summary>Per pool, its eligible cases in pool order.</summary>
    public int[][] PoolOrder { get; }

    /// <summary>Prepares a scenario.</summary>
    public static PreparedBatch Prepare(Scenario scenario) => new(scenario);

    /// <summary>True when the case passed every static check.</summary>
    public bool IsEligible(int c) => StaticReason[c] is null;

    private static ulong Mask(MixRule[] rules, VisaCase visaCase)
    {
        ulong mask = 0;
        for (var r = 0; r < rules.Length; r++)
        {
            if (MixMatching.Matches(rules[r], visaCase))
            {
                mask |= 1UL << r;
            }
        }
        return mask;
    }
}

/// <summary>A post with its month's usable sessions and its rules split by kind.</summary>
internal sealed class PreparedPost
{
    internal PreparedPost(Post post, YearMonth month, LocalDate asOf)
    {
        Post = post;
        Sessions = [.. PostCalendar.UsableSessions(post, month, asOf)];
        MaxRules = [.. post.Mix.Where(r => r.Kind == MixRuleKind.Max)];
        TargetRules = [.. post.Mix.Where(r => r.Kind == MixRuleKind.Target)];
        if (MaxRules.Length > PreparedBatch.MaxRulesPerKind || TargetRules.Length > PreparedBatch.MaxRulesPerKind)
        {
            throw new ArgumentException($"post {post.Code} has more than {PreparedBatch.MaxRulesPerKind} mix rules of one kind", nameof(post));
        }
        Capacity = Sessions.Sum(s => s.Capacity);
        MaxSessionCapacity = Sessions.Length == 0 ? 0 : Sessions.Max(s => s.Capacity);
    }

    /// <summary>The post.</summary>
    public Post Post { get; }

    /// <summary>Usable sessions, by date then start.</summary>
    public InterviewSession[] Sessions { get; }

    /// <summary>The post's <c>max</c> rules.</summary>
    public MixRule[] MaxRules { get; }

    /// <summary>The post's <c>target</c> rules.</summary>
    public MixRule[] TargetRules { get; }

    /// <summary>Seats offered in the month.</summary>
    public int Capacity { get; }

    /// <summary>The largest session.</summary>
    public int MaxSessionCapacity { get; }

    /// <summary>The date of the first usable session, if any.</summary>
    public LocalDate? FirstUsableDate => Sessions.Length == 0 ? null : Sessions[0].Date;
}

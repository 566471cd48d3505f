using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;

namespace Scheduler.Analysis.WhatIf;

/// <summary>Compares a variant's plan with the baseline's: figures overall, per category, per post
/// and per pool, and the cases one seats and the other does not.</summary>
public static class WhatIfDiffBuilder
{
    /// <summary>A run as <c>diff.json</c> describes it.</summary>
    public static RunDescription Describe(WhatIfRun run, string? scenarioFolder, string? scheduleFolder)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunDescription(run.Name, run.Changes.Select(c => c.Text).ToList(), Values.Format(run.Scenario.AsOf), run.InputHash,
            Of(run.Plan.Figures.Overall), (long)run.Plan.Elapsed.TotalMilliseconds, run.PostsSearched, run.PostsReused,
            scenarioFolder, scheduleFolder);
    }

    /// <summary>The variant against the baseline.</summary>
    public static VariantDiff Compare(WhatIfRun baseline, WhatIfRun variant)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(variant);
        var b = baseline.Plan.Figures;
        var v = variant.Plan.Figures;
        var overall = new OverallDiff(
            P(b.Overall.ScheduledCases, v.Overall.ScheduledCases), P(b.Overall.ScheduledApplicants, v.Overall.ScheduledApplicants),
            P(b.Overall.Capacity, v.Overall.Capacity), P(Round(b.Overall.Utilization), Round(v.Overall.Utilization)),
            P(b.Overall.FifoInversions, v.Overall.FifoInversions), P(b.Overall.MixDeviation, v.Overall.MixDeviation),
            P(b.Overall.InterviewByMisses, v.Overall.InterviewByMisses));

        var baseSeated = baseline.Plan.Schedule.Appointments.ToDictionary(a => a.CaseId);
        var variantSeated = variant.Plan.Schedule.Appointments.ToDictionary(a => a.CaseId);
        // The facts of the cases seated in either run (the variant's where both have them): a national
        // month has 250,000 cases and seats some 37,000. One look per case, and the baseline's cases are
        // looked through only when the variant has other ones (a changed post's variant shares the list).
        var seatedIds = new HashSet<CaseId>(variantSeated.Keys);
        seatedIds.UnionWith(baseSeated.Keys);
        var cases = new Dictionary<CaseId, VisaCase>(seatedIds.Count);
        foreach (var c in variant.Scenario.Cases)
        {
            if (seatedIds.Contains(c.Id))
            {
                cases[c.Id] = c;
            }
        }
        if (!ReferenceEquals(variant.Scenario.Cases, baseline.Scenario.Cases))
        {
            foreach (var c in baseline.Scenario.Cases)
            {
                if (baseSeated.ContainsKey(c.Id))
                {
                    cases.TryAdd(c.Id, c);
                }
            }
        }

        // One pass over both schedules: seats per category, for the month (post null) and per post.
        var byPost = Categories(baseSeated.Values, variantSeated.Values, cases);
        var categories = byPost.GetValueOrDefault("") ?? [];
        var posts = new List<PostDiff>();
        var basePosts = b.Posts.ToDictionary(p => p.Post, StringComparer.Ordinal);
        var variantPosts = v.Posts.ToDictionary(p => p.Post, StringComparer.Ordinal);
        var unchanged = 0;
        // A post is alike only when it seats the same cases: equal totals may hide a trade.
        ILookup<string, CaseId> SeatedAt(Dictionary<CaseId, Appointment> seated) => seated.Values.ToLookup(a => a.Post.Value, a => a.CaseId, StringComparer.Ordinal);
        var baseAt = SeatedAt(baseSeated);
        var variantAt = SeatedAt(variantSeated);
        foreach (var code in basePosts.Keys.Union(variantPosts.Keys).Order(StringComparer.Ordinal))
        {
            var bf = basePosts.TryGetValue(code, out var bp) ? bp.Figures : Empty;
            var vf = variantPosts.TryGetValue(code, out var vp) ? vp.Figures : Empty;
            var postCategories = byPost.GetValueOrDefault(code) ?? [];
            var post = new PostDiff(code, P(bf.ScheduledCases, vf.ScheduledCases), P(bf.ScheduledApplicants, vf.ScheduledApplicants),
                P(bf.Capacity, vf.Capacity), P(Round(bf.Utilization), Round(vf.Utilization)), P(bf.FifoInversions, vf.FifoInversions),
                P(bf.MixDeviation, vf.MixDeviation), postCategories)
            {
                CasesIn = variantAt[code].Count(id => !(baseSeated.TryGetValue(id, out var a) && a.Post.Value == code)),
                CasesOut = baseAt[code].Count(id => !(variantSeated.TryGetValue(id, out var a) && a.Post.Value == code)),
            };
            if (bf == vf && postCategories.All(c => !c.Cases.Changed && !c.Applicants.Changed) && post.CasesIn == 0 && post.CasesOut == 0)
            {
                unchanged++;
                continue;
            }
            posts.Add(post);
        }

        var pools = new List<PoolDiff>();
        var basePools = b.Pools.ToDictionary(p => (p.Category, p.Chargeability));
        var variantPools = v.Pools.ToDictionary(p => (p.Category, p.Chargeability));
        foreach (var key in basePools.Keys.Union(variantPools.Keys).OrderBy(k => k.Category, StringComparer.Ordinal).ThenBy(k => k.Chargeability, StringComparer.Ordinal))
        {
            var bp = basePools.GetValueOrDefault(key);
            var vp = variantPools.GetValueOrDefault(key);
            var pool = new PoolDiff(key.Category, key.Chargeability, P(bp?.Available ?? 0, vp?.Available ?? 0), P(bp?.Allocated ?? 0, vp?.Allocated ?? 0));
            if (pool.Available.Changed || pool.Allocated.Changed)
            {
                pools.Add(pool);
            }
        }

        var gained = Changes(variantSeated, baseSeated, baseline.Plan.Schedule.Unscheduled, cases);
        var lost = Changes(baseSeated, variantSeated, variant.Plan.Schedule.Unscheduled, cases);
        var moved = variantSeated.Count(kv => baseSeated.TryGetValue(kv.Key, out var was)
            && (was.Post != kv.Value.Post || was.Date != kv.Value.Date || was.Start != kv.Value.Start));
        return new VariantDiff(Describe(variant, null, null), overall, categories, posts, pools, gained, lost, moved, unchanged);
    }

    private static readonly ScheduleFigures Empty = new(0, 0, 0, 0, 0, 0);

    private static Figures Of(ScheduleFigures f) =>
        new(f.ScheduledCases, f.ScheduledApplicants, f.Capacity, Math.Round(f.Utilization, 6), f.FifoInversions, Math.Round(f.MixDeviation, 6), f.InterviewByMisses);

    private static Pair P(decimal baseline, decimal variant) => new(baseline, variant);

    private static decimal Round(double share) => Math.Round((decimal)share, 6);

    /// <summary>The categories in the order their lists are given: by name, ordinal.</summary>
    private static readonly VisaCategory[] ByName = Enum.GetValues<VisaCategory>().OrderBy(c => c.ToString(), StringComparer.Ordinal).ToArray();

    /// <summary>Counts kept per category: its largest value and one.</summary>
    private static readonly int CategorySlots = Enum.GetValues<VisaCategory>().Max(c => (int)c) + 1;

    /// <summary>Seated cases and applicants per category in both runs, for the month (under the key
    /// <c>""</c>) and per post, each list in category order (by name) with the categories either run seats.</summary>
    private static Dictionary<string, List<CategoryDiff>> Categories(IEnumerable<Appointment> baseline, IEnumerable<Appointment> variant,
        Dictionary<CaseId, VisaCase> cases)
    {
        // Per key, counts indexed by the category's value: base cases, base applicants, variant cases, variant applicants.
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        void Add(Appointment a, int offset)
        {
            var category = (int)cases[a.CaseId].Category;
            foreach (var key in (ReadOnlySpan<string>)["", a.Post.Value])
            {
                if (!counts.TryGetValue(key, out var perCategory))
                {
                    counts[key] = perCategory = new int[CategorySlots * 4];
                }
                perCategory[category * 4 + offset]++;
                perCategory[category * 4 + offset + 1] += a.Applicants;
            }
        }
        foreach (var a in baseline)
        {
            Add(a, 0);
        }
        foreach (var a in variant)
        {
            Add(a, 2);
        }
        return counts.ToDictionary(kv => kv.Key,
            kv => ByName.Where(c => kv.Value[(int)c * 4] + kv.Value[(int)c * 4 + 2] > 0)
                .Select(c => new CategoryDiff(c.ToString(), P(kv.Value[(int)c * 4], kv.Value[(int)c * 4 + 2]), P(kv.Value[(int)c * 4 + 1], kv.Value[(int)c * 4 + 3])))
                .ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>Cases seated in <paramref name="seats"/> and not in <paramref name="other"/>, with the
    /// other run's reason.</summary>
    private static List<CaseChange> Changes(Dictionary<CaseId, Appointment> seats, Dictionary<CaseId, Appointment> other,
        IReadOnlyList<UnscheduledCase> otherUnscheduled, Dictionary<CaseId, VisaCase> cases)
    {
        var changed = seats.Values.Where(a => !other.ContainsKey(a.CaseId)).ToList();
        var otherReasons = new Dictionary<CaseId, UnscheduledCase>(changed.Count);
        if (changed.Count > 0)
        {
            var wanted = changed.Select(a => a.CaseId).ToHashSet();
            foreach (var u in otherUnscheduled)
            {
                if (wanted.Contains(u.CaseId))
                {
                    otherReasons[u.CaseId] = u;
                }
            }
        }
        return changed
            .Select(a =>
            {
                var c = cases[a.CaseId];
                var reason = otherReasons.GetValueOrDefault(a.CaseId);
                return new CaseChange(a.CaseId.Value, c.Category.ToString(), c.Chargeability.Code, Values.Format(c.PriorityDate), a.Applicants,
                    a.Post.Value, Values.Format(a.Date), Values.Format(a.Start), reason?.Reason.Code() ?? "ABSENT", reason?.Post?.Value);
            })
            .OrderBy(c => c.Post, StringComparer.Ordinal).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ThenBy(c => c.PriorityDate, StringComparer.Ordinal).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .ToList();
    }
}

using NodaTime;
using Scheduler.Analysis.WhatIf;
using Scheduler.Core;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;

namespace Scheduler.Analysis.Report;

/// <summary>Everything a report shows, aggregated from a scenario and one of its schedules: the run,
/// the month's figures, reasons and pools, and per post its calendar, mix, priority-date coverage
/// and reasons. Sizes follow posts, days, categories and chargeabilities, never cases, so the
/// national profile makes a page of a few megabytes.</summary>
/// <param name="Run">The run's metadata.</param>
/// <param name="Overall">The month's figures.</param>
/// <param name="Unscheduled">Cases per unscheduled reason, every reason in the spec's order.</param>
/// <param name="Pools">The numbers pools: available, allocated, left.</param>
/// <param name="Posts">The posts, by code.</param>
/// <param name="Diff">A what-if's diff to show beside the schedule, if given.</param>
public sealed record ReportModel(
    RunMetadata Run,
    ScheduleFigures Overall,
    IReadOnlyList<ReasonCount> Unscheduled,
    IReadOnlyList<PoolFigures> Pools,
    IReadOnlyList<PostReport> Posts,
    WhatIfDiff? Diff)
{
    /// <summary>The report of <paramref name="schedule"/>, or null and why it is not a schedule of
    /// <paramref name="scenario"/> (<see cref="ScheduleMatch"/>, with <paramref name="summary"/>'s month, and every
    /// appointment in a usable session of its case's post: the figures count seats per session). The scenario is
    /// prepared once for both.</summary>
    public static ReportModel? TryBuild(Scenario scenario, Schedule schedule, System.Text.Json.JsonDocument? summary, RunMetadata run,
        WhatIfDiff? diff, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(schedule);
        var batch = PreparedBatch.Prepare(scenario);
        problems = ScheduleMatch.Problems(scenario, schedule, summary, batch);
        return problems.Count > 0 ? null : Build(batch, scenario, schedule, run, diff);
    }

    /// <summary>Builds the report of <paramref name="schedule"/>, a schedule of <paramref name="scenario"/>
    /// (see <see cref="TryBuild"/>); appointments of cases or posts the scenario does not have are left out.</summary>
    public static ReportModel Build(Scenario scenario, Schedule schedule, RunMetadata run, WhatIfDiff? diff) =>
        Build(PreparedBatch.Prepare(scenario ?? throw new ArgumentNullException(nameof(scenario))), scenario, schedule, run, diff);

    private static ReportModel Build(PreparedBatch batch, Scenario scenario, Schedule schedule, RunMetadata run, WhatIfDiff? diff)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(run);
        var figures = ScheduleMetrics.Compute(batch, schedule);
        var caseIndex = new Dictionary<CaseId, int>(batch.Cases.Length);
        for (var c = 0; c < batch.Cases.Length; c++)
        {
            caseIndex.TryAdd(batch.Cases[c].Id, c);
        }
        var postIndex = new Dictionary<PostCode, int>();
        for (var p = 0; p < batch.Posts.Length; p++)
        {
            postIndex.TryAdd(batch.Posts[p].Post.Code, p);
        }

        var days = scenario.Month.ToDateInterval().Length;
        var used = new long[batch.Posts.Length, days];
        var seatedAt = batch.Posts.Select(_ => new List<(int Case, int Applicants)>()).ToArray();
        var seatedPost = Enumerable.Repeat(-1, batch.Cases.Length).ToArray();
        foreach (var appointment in schedule.Appointments)
        {
            if (!caseIndex.TryGetValue(appointment.CaseId, out var c) || !postIndex.TryGetValue(appointment.Post, out var p))
            {
                continue;
            }
            seatedPost[c] = p;
            seatedAt[p].Add((c, appointment.Applicants));
            if (appointment.Date.Year == scenario.Month.Year && appointment.Date.Month == scenario.Month.Month)
            {
                used[p, appointment.Date.Day - 1] += appointment.Applicants;
            }
        }
        var unscheduledAt = batch.Posts.Select(_ => new int[Enum.GetValues<UnscheduledReason>().Length]).ToArray();
        foreach (var unscheduled in schedule.Unscheduled)
        {
            if (caseIndex.TryGetValue(unscheduled.CaseId, out var c) && batch.PostOf[c] >= 0)
            {
                unscheduledAt[batch.PostOf[c]][(int)unscheduled.Reason]++;
            }
        }

        var coverage = PriorityDateCoverage.Collect(batch, seatedPost, seatedAt);
        var figuresByPost = figures.Posts.ToDictionary(f => f.Post, f => f.Figures, StringComparer.OrdinalIgnoreCase);
        var posts = new List<PostReport>(batch.Posts.Length);
        for (var p = 0; p < batch.Posts.Length; p++)
        {
            var prepared = batch.Posts[p];
            var post = prepared.Post;
            posts.Add(new PostReport(
                post.Code.Value,
                post.Name,
                post.Country,
                figuresByPost.TryGetValue(post.Code.Value, out var postFigures) ? postFigures : new ScheduleFigures(0, 0, prepared.Capacity, 0, 0, 0),
                run.Posts.TryGetValue(post.Code.Value, out var solver) ? solver : null,
                Calendar(prepared, scenario, used, p),
                MixLines(prepared, batch, seatedAt[p]),
                coverage[p],
                [.. Enum.GetValues<UnscheduledReason>().Where(r => unscheduledAt[p][(int)r] > 0).Select(r => new ReasonCount(r, unscheduledAt[p][(int)r]))]));
        }
        posts.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return new ReportModel(
            run,
            figures.Overall,
            [.. Enum.GetValues<UnscheduledReason>().Select(r => new ReasonCount(r, figures.UnscheduledByReason.TryGetValue(r, out var n) ? n : 0))],
            figures.Pools,
            posts,
            diff);
    }

    private static List<CalendarDay> Calendar(PreparedPost prepared, Scenario scenario, long[,] used, int p)
    {
        var post = prepared.Post;
        var earliest = PostCalendar.EarliestInterviewDate(post, scenario.AsOf);
        var sessions = prepared.Sessions.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => (Count: g.Count(), Seats: g.Sum(s => s.Capacity)));
        var calendar = new List<CalendarDay>();
        foreach (var date in scenario.Month.ToDateInterval())
        {
            var kind = post.Weekend.Contains(date.DayOfWeek) ? DayKind.Weekend
                : post.Closed.Contains(date) ? DayKind.Closed
                : date < earliest ? DayKind.BeforeNotice
                : sessions.ContainsKey(date) ? DayKind.Open
                : DayKind.NoSessions;
            var (count, seats) = sessions.TryGetValue(date, out var s) ? s : (0, 0);
            calendar.Add(new CalendarDay(date, kind, count, seats, used[p, date.Day - 1]));
        }
        return calendar;
    }

    private static List<MixLine> MixLines(PreparedPost prepared, PreparedBatch batch, List<(int Case, int Applicants)> seated)
    {
        // One line per value: every group, then each other value a rule names, in file order; a
        // target and a ceiling on the same value share a line.
        var keys = new List<(MixDimension Dimension, string Value)>
        {
            (MixDimension.Group, CategoryGroup.IR.Code()), (MixDimension.Group, CategoryGroup.Family.Code()), (MixDimension.Group, CategoryGroup.Employment.Code()),
        };
        foreach (var rule in prepared.Post.Mix)
        {
            if (!keys.Any(k => k.Dimension == rule.Dimension && string.Equals(k.Value, rule.Value, StringComparison.OrdinalIgnoreCase)))
            {
                keys.Add((rule.Dimension, rule.Value));
            }
        }
        var total = seated.Sum(s => (long)s.Applicants);
        return [.. keys.Select(key =>
        {
            bool Same(MixRule r) => r.Dimension == key.Dimension && string.Equals(r.Value, key.Value, StringComparison.OrdinalIgnoreCase);
            var target = prepared.TargetRules.FirstOrDefault(Same)?.Share;
            var max = prepared.MaxRules.Where(Same).Select(r => (decimal?)r.Share).Min();
            var count = seated.Where(s => string.Equals(MixMatching.ValueOf(batch.Cases[s.Case], key.Dimension), key.Value, StringComparison.OrdinalIgnoreCase))
                .Sum(s => (long)s.Applicants);
            return new MixLine(DimensionName(key.Dimension), key.Value, target, max, count, total);
        })];
    }

    /// <summary>The dimension as <c>posts.json</c> spells it.</summary>
    public static string DimensionName(MixDimension dimension) => dimension switch
    {
        MixDimension.Group => "group",
        MixDimension.Category => "category",
        MixDimension.VisaClass => "visaClass",
        MixDimension.Chargeability => "chargeability",
        MixDimension.SystemSource => "systemSource",
        _ => "language",
    };
}

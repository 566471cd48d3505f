namespace Scheduler.Core.Scheduling.Metrics;

/// <summary>Computes a schedule's figures: seats, utilization, FIFO inversions, mix deviation and
/// <c>interview_by</c> misses, per post and overall.</summary>
internal static class ScheduleMetrics
{
    /// <summary>Judges <paramref name="schedule"/> against the batch it was planned from.</summary>
    public static MonthFigures Compute(PreparedBatch batch, Schedule schedule)
    {
        var month = new BookedMonth(batch, schedule);
        var passedOver = InversionFinder.PassedOver(batch, batch.Queues, month);
        var postCount = batch.Posts.Length;
        var cases = new int[postCount];
        var applicants = new long[postCount];
        var inversions = new int[postCount];
        var misses = new int[postCount];
        var monthEnd = batch.Scenario.Month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1);
        for (var c = 0; c < batch.Cases.Length; c++)
        {
            var p = batch.PostOf[c];
            if (p < 0)
            {
                continue;
            }
            var session = month.SessionOf[c];
            if (session >= 0)
            {
                cases[p]++;
                applicants[p] += batch.Size[c];
            }
            inversions[p] += passedOver[c] ? 1 : 0;
            if (batch.Cases[c].InterviewBy is { } by && batch.IsEligible(c)
                && (session >= 0 ? batch.Posts[p].Sessions[session].Date > by : by <= monthEnd))
            {
                misses[p]++;
            }
        }

        var posts = new List<PostFigures>(postCount);
        for (var p = 0; p < postCount; p++)
        {
            posts.Add(new PostFigures(batch.Posts[p].Post.Code.Value, new ScheduleFigures(
                cases[p], applicants[p], batch.Posts[p].Capacity, inversions[p],
                month.Books[p].TargetDeviationWith(0, 0), misses[p])));
        }
        var overall = new ScheduleFigures(
            cases.Sum(), applicants.Sum(), posts.Sum(p => p.Figures.Capacity), inversions.Sum(),
            posts.Sum(p => p.Figures.MixDeviation), misses.Sum());
        var byReason = schedule.Unscheduled
            .GroupBy(u => u.Reason)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Count());
        var allocated = new Dictionary<Numbers.VisaNumberPoolKey, int>();
        for (var c = 0; c < batch.Cases.Length; c++)
        {
            if (month.SessionOf[c] >= 0 && batch.PoolOf[c] >= 0)
            {
                var key = batch.PoolKeys[batch.PoolOf[c]];
                allocated[key] = allocated.GetValueOrDefault(key) + batch.Size[c];
            }
        }
        var pools = batch.Scenario.Numbers.Pools
            .OrderBy(p => p.Key.Category).ThenBy(p => p.Key.Chargeability)
            .Select(p => new PoolFigures(p.Key.Category.ToString(), p.Key.Chargeability.Code, p.Value,
                allocated.GetValueOrDefault(p.Key), p.Value - allocated.GetValueOrDefault(p.Key)))
            .ToList();
        return new MonthFigures(overall, posts, byReason) { Pools = pools };
    }
}

using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Core.Scheduling;

namespace Scheduler.Analysis.Report;

/// <summary>Per post, per category and chargeability: the latest priority date seated against the
/// bulletin's cutoff, and the earliest one left among eligible cases not seated.</summary>
internal static class PriorityDateCoverage
{
    private sealed class Row
    {
        public int Seated;
        public long Applicants;
        public LocalDate? Latest;
        public int Waiting;
        public LocalDate? Earliest;
        public int NotCurrent;
    }

    public static List<PriorityDateRow>[] Collect(PreparedBatch batch, int[] seatedPost, List<(int Case, int Applicants)>[] seatedAt)
    {
        var rows = batch.Posts.Select(_ => new Dictionary<(VisaCategory, string), Row>()).ToArray();
        Row RowOf(int p, int c)
        {
            var key = (batch.Cases[c].Category, batch.Cases[c].Chargeability.Code);
            if (!rows[p].TryGetValue(key, out var row))
            {
                row = new Row();
                rows[p].Add(key, row);
            }
            return row;
        }
        for (var p = 0; p < seatedAt.Length; p++)
        {
            foreach (var (c, applicants) in seatedAt[p])
            {
                var row = RowOf(p, c);
                var pd = batch.Cases[c].PriorityDate;
                row.Seated++;
                row.Applicants += applicants;
                row.Latest = row.Latest is { } latest && latest >= pd ? latest : pd;
            }
        }
        for (var c = 0; c < batch.Cases.Length; c++)
        {
            var p = batch.PostOf[c];
            if (seatedPost[c] >= 0 || p < 0)
            {
                continue;
            }
            if (batch.StaticReason[c] is null)
            {
                var row = RowOf(p, c);
                var pd = batch.Cases[c].PriorityDate;
                row.Waiting++;
                row.Earliest = row.Earliest is { } earliest && earliest <= pd ? earliest : pd;
            }
            else if (batch.StaticReason[c] == UnscheduledReason.NotCurrent)
            {
                RowOf(p, c).NotCurrent++;
            }
        }
        var bulletin = batch.Scenario.Bulletin;
        return [.. rows.Select(post => post
            .OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2, StringComparer.Ordinal)
            .Select(r => new PriorityDateRow(
                r.Key.Item1.ToString(),
                r.Key.Item2,
                !r.Key.Item1.IsNumericallyLimited() ? "C" : bulletin.CellFor(r.Key.Item1, new Core.Cases.Chargeability(r.Key.Item2))?.ToString() ?? "none",
                r.Value.Seated, r.Value.Applicants, r.Value.Latest, r.Value.Waiting, r.Value.Earliest, r.Value.NotCurrent))
            .ToList())];
    }
}

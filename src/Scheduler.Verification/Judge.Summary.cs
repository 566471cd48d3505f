using System.Text.Json;
using NodaTime;

namespace Scheduler.Verification;

/// <summary><c>summary.json</c> against the schedule: every figure the spec lists, overall and per
/// post, recomputed from the files (the unscheduled reasons and the <c>numbers</c> pools too).</summary>
internal sealed partial class Judge
{
    // Fractions are written rounded to six decimals.
    private const double Tolerance = 1e-5;

    public void CheckSummary(string path, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add("summary.json:0: file is missing");
            return;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            CheckFigures(root, "summary.json", world.Posts);
            var posts = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("posts", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToList() : [];
            foreach (var post in world.Posts)
            {
                var entry = posts.Where(e => string.Equals(Text(e, "post"), post.Code, StringComparison.OrdinalIgnoreCase)).ToList();
                if (entry.Count != 1)
                {
                    Fail("SUMMARY", $"summary.json has {entry.Count} entries for post {post.Code}, expected 1");
                    continue;
                }
                CheckFigures(entry[0], $"summary.json post {post.Code}", [post]);
            }
            CheckReasons(root);
            CheckPools(root);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            problems.Add($"summary.json:0: cannot read: {e.Message}");
        }
    }

    private void CheckFigures(JsonElement element, string where, IReadOnlyCollection<PostInfo> posts)
    {
        _perPost ??= PerPost();
        var figures = posts.Select(p => _perPost.GetValueOrDefault(p)).ToList();
        var applicants = figures.Sum(f => f.Applicants);
        var capacity = posts.Sum(p => p.Sessions.Values.Sum(v => (long)v));
        Expect(element, where, "scheduledCases", figures.Sum(f => f.Cases));
        Expect(element, where, "scheduledApplicants", applicants);
        Expect(element, where, "capacity", capacity);
        Expect(element, where, "fifoInversions", figures.Sum(f => f.PassedOver));
        Expect(element, where, "interviewByMisses", figures.Sum(f => f.Misses));
        ExpectFraction(element, where, "utilization", capacity == 0 ? 0 : (double)applicants / capacity);
        ExpectFraction(element, where, "mixDeviation", (double)posts.Sum(Deviation));
        CheckSolverFigures(element, where, applicants);
    }

    /// <summary>CP-SAT's figures, when written, agree with the schedule: the objective is the
    /// applicants seated, the bound is no lower, the gap is theirs, and OPTIMAL means no gap.</summary>
    private void CheckSolverFigures(JsonElement element, string where, long applicants)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("status", out var status))
        {
            return;
        }
        Expect(element, where, "objective", applicants);
        if (!element.TryGetProperty("bestBound", out var written) || written.ValueKind != JsonValueKind.Number || !written.TryGetInt64(out var bound) || bound < applicants)
        {
            Fail("SUMMARY", $"{where} bestBound is {Shown(element, "bestBound")}, below the {applicants} applicants seated");
            return;
        }
        ExpectFraction(element, where, "gap", bound == 0 ? 0 : (double)(bound - applicants) / bound);
        if (status.GetString() is not ("OPTIMAL" or "FEASIBLE") || (status.GetString() == "OPTIMAL" && bound != applicants))
        {
            Fail("SUMMARY", $"{where} status {status} with {applicants} seated and bound {bound}");
        }
    }

    private Dictionary<PostInfo, (long Cases, long Applicants, long PassedOver, long Misses)>? _perPost;

    private Dictionary<PostInfo, (long Cases, long Applicants, long PassedOver, long Misses)> PerPost()
    {
        var result = new Dictionary<PostInfo, (long Cases, long Applicants, long PassedOver, long Misses)>();
        foreach (var c in world.Cases.Where(c => c.Post is not null))
        {
            var f = result.GetValueOrDefault(c.Post!);
            // A case is booked only at its own post (a booking elsewhere fails rule POST, uncounted).
            var booked = _booked.ContainsKey(c);
            result[c.Post!] = (f.Cases + (booked ? 1 : 0), f.Applicants + (booked ? c.Size : 0),
                f.PassedOver + (_passedOver.Contains(c) ? 1 : 0), f.Misses + (MissesInterviewBy(c) ? 1 : 0));
        }
        return result;
    }

    /// <summary>An eligible case with an <c>interview_by</c> date misses it when it is booked after
    /// that date, or is left unscheduled though the date falls in or before the month.</summary>
    private bool MissesInterviewBy(CaseInfo c)
    {
        if (c.StaticReason is not null || c.InterviewBy is not { } by)
        {
            return false;
        }
        var monthEnd = new LocalDate(world.Year, world.Month, 1).PlusMonths(1).PlusDays(-1);
        return _booked.TryGetValue(c, out var booking) ? booking.Date > by : by <= monthEnd;
    }

    /// <summary>The spec's deviation: per target rule, |applicants with the value - target x applicants seated|.</summary>
    private decimal Deviation(PostInfo post)
    {
        var total = _totals.GetValueOrDefault(post);
        return post.Mix.Where(r => !r.IsMax)
            .Sum(r => Math.Abs((_counts.GetValueOrDefault(post)?.GetValueOrDefault(Key(r)) ?? 0) - r.Share * total));
    }

    private void CheckReasons(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("unscheduled", out var written) || written.ValueKind != JsonValueKind.Object)
        {
            Fail("SUMMARY", "summary.json has no 'unscheduled' object of counts per reason");
            return;
        }
        var counted = _reasons.Values.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var listed = new Dictionary<string, int>();
        foreach (var entry in written.EnumerateObject())
        {
            listed[entry.Name] = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out var count) ? count : -1;
        }
        foreach (var reason in counted.Keys.Union(listed.Keys))
        {
            if (counted.GetValueOrDefault(reason) != listed.GetValueOrDefault(reason))
            {
                Fail("SUMMARY", $"summary.json counts {listed.GetValueOrDefault(reason)} cases {reason}, unscheduled.csv {counted.GetValueOrDefault(reason)}");
            }
        }
    }

    private void CheckPools(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("numbers", out var written) || written.ValueKind != JsonValueKind.Array)
        {
            Fail("SUMMARY", "summary.json has no 'numbers' array of pools");
            return;
        }
        var listed = new Dictionary<(string, string), JsonElement>();
        foreach (var pool in written.EnumerateArray())
        {
            if (Text(pool, "category") is not { } category || Text(pool, "chargeability") is not { } chargeability)
            {
                Fail("SUMMARY", "summary.json has a pool without category and chargeability");
                continue;
            }
            listed[(category.ToUpperInvariant(), chargeability.ToUpperInvariant())] = pool;
        }
        foreach (var (key, available) in world.Numbers)
        {
            var where = $"summary.json pool {key.Item1}/{key.Item2}";
            if (!listed.Remove(key, out var pool))
            {
                Fail("SUMMARY", $"{where} is missing");
                continue;
            }
            var allocated = _poolUsed.GetValueOrDefault(key);
            Expect(pool, where, "available", available);
            Expect(pool, where, "allocated", allocated);
            Expect(pool, where, "left", available - allocated);
        }
        foreach (var key in listed.Keys)
        {
            Fail("SUMMARY", $"summary.json lists pool {key.Item1}/{key.Item2}, which the numbers do not have");
        }
    }

    private static string Shown(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ToString() : "missing";

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void Expect(JsonElement element, string where, string name, long value)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var written)
            || written.ValueKind != JsonValueKind.Number || !written.TryGetInt64(out var number) || number != value)
        {
            Fail("SUMMARY", $"{where} {name} is {Shown(element, name)}, the schedule says {value}");
        }
    }

    private void ExpectFraction(JsonElement element, string where, string name, double value)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var written)
            || written.ValueKind != JsonValueKind.Number || Math.Abs(written.GetDouble() - value) > Tolerance)
        {
            Fail("SUMMARY", $"{where} {name} is {Shown(element, name)}, the schedule says {value:0.######}");
        }
    }
}

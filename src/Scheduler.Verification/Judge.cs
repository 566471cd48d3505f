using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace Scheduler.Verification;

/// <summary>Applies every rule to one schedule.</summary>
internal sealed partial class Judge(World world, List<Violation> violations)
{
    private readonly Dictionary<CaseInfo, (PostInfo Post, LocalDate Date, string Start)> _booked = [];
    private readonly Dictionary<(PostInfo, LocalDate, string), int> _used = [];
    private readonly Dictionary<(string, string), int> _poolUsed = [];
    private readonly Dictionary<PostInfo, Dictionary<string, long>> _counts = [];
    private readonly Dictionary<PostInfo, long> _totals = [];
    private readonly HashSet<CaseInfo> _passedOver = [];
    private readonly Dictionary<CaseInfo, string> _reasons = [];

    private void Fail(string rule, string message) => violations.Add(new Violation(rule, message));

    public void Check(List<Dictionary<string, string>> appointments, List<Dictionary<string, string>> allocations,
        List<Dictionary<string, string>> unscheduled, CancellationToken token)
    {
        foreach (var row in appointments)
        {
            var line = row["#line"];
            if (!world.CaseById.TryGetValue(row.Get("case_id") ?? "", out var c))
            {
                Fail("SHAPE", $"appointments.csv:{line}: unknown case '{row.Get("case_id")}'");
                continue;
            }
            var date = ScheduleVerifier.Date(row.Get("date"));
            var start = row.Get("start") ?? "";
            if (_booked.ContainsKey(c))
            {
                Fail("R2-family", $"case {c.Id} is booked more than once");
                continue;
            }
            if (c.StaticReason is { } why)
            {
                Fail("R1-eligible", $"case {c.Id} is booked but {why}");
            }
            if (c.Post is null || !string.Equals(row.Get("post"), c.Post.Code, StringComparison.OrdinalIgnoreCase))
            {
                Fail("POST", $"case {c.Id} is booked at {row.Get("post")}, its post is {c.Post?.Code ?? "none"}");
                continue;
            }
            if (date is not { } d || !c.Post.Sessions.ContainsKey((d, start)))
            {
                Fail("R3-session", $"case {c.Id}: {c.Post.Code} {row.Get("date")} {start} is not a usable session");
                continue;
            }
            if (!int.TryParse(row.Get("applicants"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n != c.Size)
            {
                Fail("R2-family", $"case {c.Id} books {row.Get("applicants")} applicants, it has {c.Size} traveling");
            }
            if (c.DocsLimit is { } limit && d > limit)
            {
                Fail("R4-documents", $"case {c.Id} interviewed {d:uuuu-MM-dd}, documents expire {limit:uuuu-MM-dd}");
            }
            _booked[c] = (c.Post, d, start);
            _used[(c.Post, d, start)] = _used.GetValueOrDefault((c.Post, d, start)) + c.Size;
            _totals[c.Post] = _totals.GetValueOrDefault(c.Post) + c.Size;
            if (!_counts.TryGetValue(c.Post, out var counts))
            {
                _counts[c.Post] = counts = [];
            }
            // Counted once per dimension and value, however many rules (a target and a max, two
            // maxes) name it.
            foreach (var rule in c.Post.Mix.DistinctBy(Key))
            {
                if (string.Equals(c.Value(rule.Dimension), rule.Value, StringComparison.OrdinalIgnoreCase))
                {
                    counts[Key(rule)] = counts.GetValueOrDefault(Key(rule)) + c.Size;
                }
            }
            if (c.Pool is { } pool)
            {
                _poolUsed[pool] = _poolUsed.GetValueOrDefault(pool) + c.Size;
            }
        }
        foreach (var row in unscheduled)
        {
            if (!world.CaseById.TryGetValue(row.Get("case_id") ?? "", out var c))
            {
                Fail("SHAPE", $"unscheduled.csv:{row["#line"]}: unknown case '{row.Get("case_id")}'");
            }
            else if (_booked.ContainsKey(c) || !_reasons.TryAdd(c, row.Get("reason") ?? ""))
            {
                Fail("SHAPE", $"case {c.Id} appears more than once");
            }
        }
        foreach (var c in world.Cases.Where(c => !_booked.ContainsKey(c) && !_reasons.ContainsKey(c)))
        {
            Fail("SHAPE", $"case {c.Id} is neither booked nor unscheduled");
        }
        foreach (var ((post, date, start), used) in _used)
        {
            if (used > post.Sessions[(date, start)])
            {
                Fail("R3-capacity", $"session {post.Code} {date:uuuu-MM-dd} {start} holds {used} applicants, capacity {post.Sessions[(date, start)]}");
            }
        }
        CheckNumbers(allocations);
        foreach (var post in world.Posts)
        {
            foreach (var rule in post.Mix.Where(r => r.IsMax))
            {
                var count = _counts.GetValueOrDefault(post)?.GetValueOrDefault(Key(rule)) ?? 0;
                if (count > rule.Share * _totals.GetValueOrDefault(post))
                {
                    Fail("R6-max", $"post {post.Code}: {rule.Dimension}={rule.Value} has {count} of {_totals.GetValueOrDefault(post)} applicants, max {rule.Share}");
                }
            }
        }
        token.ThrowIfCancellationRequested();
        CheckWaitingCases(_reasons);
        CheckQueues();
        CheckPools();
    }

    private static string Key((string Dimension, string Value, bool IsMax, decimal Share) rule) => $"{rule.Dimension.ToLowerInvariant()}={rule.Value.ToLowerInvariant()}";

    private void CheckNumbers(List<Dictionary<string, string>> allocations)
    {
        var expected = new Dictionary<string, CaseInfo>(StringComparer.Ordinal);
        foreach (var c in _booked.Keys.Where(c => c.Category != "IR"))
        {
            foreach (var (id, traveling) in c.Applicants.Where(a => a.Traveling))
            {
                expected[id] = c;
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in allocations)
        {
            var id = row.Get("applicant_id") ?? "";
            if (!expected.TryGetValue(id, out var c))
            {
                Fail("R5-numbers", $"allocations.csv:{row["#line"]}: applicant '{id}' should get no number");
            }
            else if (!seen.Add(id))
            {
                Fail("R5-numbers", $"applicant {id} has more than one number");
            }
            else if (!string.Equals(row.Get("category"), c.Category, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(row.Get("chargeability"), c.Chargeability, StringComparison.OrdinalIgnoreCase)
                || row.Get("case_id") != c.Id)
            {
                Fail("R5-numbers", $"applicant {id}: number of {row.Get("category")}/{row.Get("chargeability")}, case {c.Id} is {c.Category}/{c.Chargeability}");
            }
        }
        foreach (var id in expected.Keys.Where(id => !seen.Contains(id)))
        {
            Fail("R5-numbers", $"applicant {id} of case {expected[id].Id} has no number");
        }
        foreach (var (pool, used) in _poolUsed)
        {
            if (used > world.Numbers.GetValueOrDefault(pool))
            {
                Fail("R5-numbers", $"pool {pool.Item1}/{pool.Item2}: {used} numbers allocated, {world.Numbers.GetValueOrDefault(pool)} available");
            }
        }
    }

    private int PoolLeft(CaseInfo c) => c.Pool is { } pool ? world.Numbers.GetValueOrDefault(pool) - _poolUsed.GetValueOrDefault(pool) : int.MaxValue;

    private bool KeepsMax(PostInfo post, CaseInfo? removed, CaseInfo added)
    {
        var total = _totals.GetValueOrDefault(post) - (removed?.Size ?? 0) + added.Size;
        foreach (var rule in post.Mix.Where(r => r.IsMax))
        {
            var count = _counts.GetValueOrDefault(post)?.GetValueOrDefault(Key(rule)) ?? 0;
            if (removed is not null && string.Equals(removed.Value(rule.Dimension), rule.Value, StringComparison.OrdinalIgnoreCase))
            {
                count -= removed.Size;
            }
            if (string.Equals(added.Value(rule.Dimension), rule.Value, StringComparison.OrdinalIgnoreCase))
            {
                count += added.Size;
            }
            if (count > rule.Share * total)
            {
                return false;
            }
        }
        return true;
    }

    private bool HasRoom(CaseInfo c) => c.Post!.Sessions.Any(s =>
        (c.DocsLimit is not { } limit || s.Key.Item1 <= limit) && s.Value - _used.GetValueOrDefault((c.Post, s.Key.Item1, s.Key.Item2)) >= c.Size);

    private void CheckWaitingCases(Dictionary<CaseInfo, string> reasons)
    {
        foreach (var (c, reason) in reasons)
        {
            string expected;
            if (c.StaticReason is { } why)
            {
                expected = why;
            }
            else
            {
                var numbers = PoolLeft(c) >= c.Size;
                var max = KeepsMax(c.Post!, null, c);
                if (numbers && max && HasRoom(c))
                {
                    Fail("R7-empty-seat", $"case {c.Id} ({c.Size} applicants) fits an empty seat at {c.Post!.Code}");
                }
                expected = !numbers ? "NO_NUMBERS" : !max ? "MIX_LIMIT" : "NO_CAPACITY";
            }
            if (!string.Equals(reason, expected, StringComparison.OrdinalIgnoreCase))
            {
                Fail("REASON", $"case {c.Id}: reason {reason}, expected {expected}");
            }
        }
    }

    private static int PoolOrder(CaseInfo a, CaseInfo b)
    {
        var x = a.Priority.CompareTo(b.Priority);
        if (x != 0)
        {
            return x;
        }
        x = Nullable.Compare(a.Qualified, b.Qualified);
        return x != 0 ? x : string.CompareOrdinal(a.Id, b.Id);
    }

    private static int QueueOrder(CaseInfo a, CaseInfo b)
    {
        if (a.Expedite != b.Expedite)
        {
            return a.Expedite ? -1 : 1;
        }
        if (a.Category != "IR")
        {
            return PoolOrder(a, b);
        }
        var x = Nullable.Compare(a.Qualified, b.Qualified);
        if (x != 0)
        {
            return x;
        }
        x = a.Priority.CompareTo(b.Priority);
        return x != 0 ? x : string.CompareOrdinal(a.Id, b.Id);
    }

    private void CheckQueues()
    {
        foreach (var queue in world.Cases.Where(c => c.StaticReason is null).GroupBy(c => (c.Post!, c.Category)))
        {
            var ordered = queue.ToList();
            ordered.Sort(QueueOrder);
            var booked = new List<CaseInfo>();
            for (var i = ordered.Count - 1; i >= 0; i--)
            {
                var a = ordered[i];
                if (_booked.ContainsKey(a))
                {
                    booked.Add(a);
                    continue;
                }
                foreach (var b in booked)
                {
                    var seat = _booked[b];
                    if (b.Size < a.Size || (a.DocsLimit is { } limit && seat.Date > limit))
                    {
                        continue;
                    }
                    var numbersOk = a.Pool is null || (b.Pool == a.Pool && PoolOrder(a, b) < 0) || PoolLeft(a) >= a.Size;
                    if (numbersOk && KeepsMax(a.Post!, b, a))
                    {
                        _passedOver.Add(a);
                        Fail("FIFO-queue", $"case {a.Id} ({a.Size}) passed over for later case {b.Id} ({b.Size}) at {a.Post!.Code} {seat.Date:uuuu-MM-dd}");
                        break;
                    }
                }
            }
        }
    }

    private void CheckPools()
    {
        foreach (var pool in world.Cases.Where(c => c.StaticReason is null && c.Pool is not null).GroupBy(c => c.Pool!.Value))
        {
            var ordered = pool.ToList();
            ordered.Sort(PoolOrder);
            var largestLater = 0;
            CaseInfo? largest = null;
            for (var i = ordered.Count - 1; i >= 0; i--)
            {
                var a = ordered[i];
                if (_booked.ContainsKey(a))
                {
                    if (a.Size > largestLater)
                    {
                        (largestLater, largest) = (a.Size, a);
                    }
                    continue;
                }
                if (largestLater >= a.Size && KeepsMax(a.Post!, null, a) && HasRoom(a))
                {
                    _passedOver.Add(a);
                    Fail("FIFO-pool", $"case {a.Id} ({a.Size}) fits at {a.Post!.Code} but later case {largest!.Id} ({largest.Size}) holds numbers of {pool.Key.Item1}/{pool.Key.Item2}");
                }
            }
        }
    }
}

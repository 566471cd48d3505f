using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Scheduler.LoadTest;

/// <summary>A load generator for the posts' profile API (not a test: its figures depend on the machine). Virtual users take
/// posts round-robin, each request with the post's own key, for a fixed time per phase: reads (GET), writes (GET for the ETag,
/// then PUT with If-Match, a 412 re-read and retried), mixed. Prints requests/s, p50/p95/p99 and statuses per phase, then
/// checks that no update was lost: each post's history grew by exactly its 200 PUTs and its profile is the last one written.
///   dotnet Scheduler.LoadTest.dll --url URL --keys FILE --month yyyy-MM [--users 24] [--seconds 20] [--warmup 3]
///     [--phases reads,writes,mixed] [--mixed-writes 0.2]
/// FILE has one "CODE KEY" line per post.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var posts = File.ReadAllLines(options.Keys).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries)).Select(p => new PostState(p[0], p[1])).ToArray();
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = options.Users, AutomaticDecompression = DecompressionMethods.None, UseCookies = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
        var load = new Load(client, posts, options.Month);

        foreach (var post in posts)
            post.InitialHistory = await load.HistoryLengthAsync(post);

        Console.WriteLine($"{posts.Length} posts, {options.Users} virtual users, {options.Seconds} s per phase after {options.Warmup} s warm-up, month {options.Month}");
        foreach (var phase in options.Phases)
        {
            if (options.Warmup > 0)
                await load.RunAsync(phase, options, TimeSpan.FromSeconds(options.Warmup));
            var stats = await load.RunAsync(phase, options, TimeSpan.FromSeconds(options.Seconds));
            stats.Print(phase);
        }

        var lost = 0;
        long puts = 0;
        foreach (var post in posts)
        {
            puts += post.Written;
            var history = await load.HistoryLengthAsync(post);
            var (body, etag) = await load.GetAsync(post, null);
            var expected = post.InitialHistory + post.Written;
            if (history != expected)
            {
                lost++;
                Console.WriteLine($"LOST UPDATE? {post.Code}: history {history} versions, expected {post.InitialHistory} + {post.Written} PUTs");
            }
            else if (post.Writes.GroupBy(w => w.IfMatch).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                lost++;
                Console.WriteLine($"LOST UPDATE? {post.Code}: {twice.Count()} successful PUTs replaced the same version {twice.Key}");
            }
            else if (post.Writes.Count > 0 && !IsChainEnd(post, etag))
            {
                lost++;
                Console.WriteLine($"LOST UPDATE? {post.Code}: the profile ({etag}) is not the end of the chain of successful writes");
            }
        }
        Console.WriteLine(lost == 0
            ? $"no lost update: {posts.Length} posts, {puts} successful PUTs, every history grew by its PUTs and every profile is its last write"
            : $"{lost} posts with a lost update");
        return lost == 0 ? 0 : 1;
    }

    /// <summary>Each successful PUT replaced the version its If-Match named, so the writes form one chain
    /// from the first version read; the profile left must be the version no successful PUT replaced.
    /// (Responses may come back out of commit order, so "the last 200 received" proves nothing.)</summary>
    private static bool IsChainEnd(PostState post, string etag)
    {
        var replaced = post.Writes.Select(w => w.IfMatch).ToHashSet(StringComparer.Ordinal);
        return post.Writes.Any(w => w.NewETag == etag) && !replaced.Contains(etag);
    }
}

internal sealed class PostState(string code, string key)
{
    public string Code { get; } = code;
    public AuthenticationHeaderValue Auth { get; } = new("Bearer", key);
    public int InitialHistory { get; set; }
    public int Written; // 200 PUTs, all phases (warm-up included: the history counts them too)
    public List<(string IfMatch, string NewETag)> Writes { get; } = [];
    public readonly Lock Gate = new();
}

internal sealed class Options
{
    public string Url { get; private set; } = "http://127.0.0.1:5080";
    public string Keys { get; private set; } = "keys.txt";
    public string Month { get; private set; } = "2026-12";
    public int Users { get; private set; } = 24;
    public double Seconds { get; private set; } = 20;
    public double Warmup { get; private set; } = 3;
    public double MixedWrites { get; private set; } = 0.2;
    public string[] Phases { get; private set; } = ["reads", "writes", "mixed"];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--url": o.Url = v; break;
                case "--keys": o.Keys = v; break;
                case "--month": o.Month = v; break;
                case "--users": o.Users = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--warmup": o.Warmup = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--mixed-writes": o.MixedWrites = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--phases": o.Phases = v.Split(','); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return o;
    }
}

internal sealed class Load(HttpClient client, PostState[] posts, string month)
{
    private long _next;

    private string ProfileUrl(PostState post) => $"/api/v1/posts/{post.Code}/profiles/{month}";

    public async Task<int> HistoryLengthAsync(PostState post)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ProfileUrl(post) + "/history");
        request.Headers.Authorization = post.Auth;
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count;
    }

    /// <summary>GET the profile: its body and ETag, the latency recorded.</summary>
    public async Task<(string Body, string ETag)> GetAsync(PostState post, Stats? stats)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ProfileUrl(post));
        request.Headers.Authorization = post.Auth;
        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        stats?.Record("GET", (int)response.StatusCode, Stopwatch.GetElapsedTime(start));
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"GET {post.Code}: {(int)response.StatusCode}", null, response.StatusCode);
        return (body, response.Headers.ETag!.ToString());
    }

    /// <summary>One write: read, change one session's capacity, PUT with If-Match; on 412 read again and retry.</summary>
    private async Task WriteAsync(PostState post, Stats? stats)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (body, etag) = await GetAsync(post, stats);
            var profile = JsonNode.Parse(body)!;
            var session = profile["sessions"]![0]!;
            var applicants = session["applicants"]!.GetValue<int>();
            // Always differs from every earlier version of the run (a wrap at 500, once the API wrote
            // more than 500 times a post, brought back an earlier version's content and so its ETag,
            // which the chain check below cannot tell from a lost update).
            session["applicants"] = applicants >= 1_000_000 ? 1 : applicants + 1;
            using var request = new HttpRequestMessage(HttpMethod.Put, ProfileUrl(post))
            {
                Content = new StringContent(profile.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = post.Auth;
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            var start = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            var written = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            stats?.Record("PUT", status, Stopwatch.GetElapsedTime(start));
            if (status == 200)
            {
                var newETag = response.Headers.ETag!.ToString();
                lock (post.Gate)
                {
                    post.Written++;
                    post.Writes.Add((etag, newETag));
                }
                return;
            }
            if (status != 412)
                throw new HttpRequestException($"PUT {post.Code}: {status} {written}", null, response.StatusCode);
        }
        stats?.Record("PUT", -1, TimeSpan.Zero);
    }

    public async Task<Stats> RunAsync(string phase, Options options, TimeSpan duration)
    {
        var stats = new Stats();
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var users = Enumerable.Range(0, options.Users).Select(u => Task.Run(async () =>
        {
            var random = new Random(u * 7919 + 1);
            while (!stop.IsCancellationRequested)
            {
                var post = posts[(int)(Interlocked.Increment(ref _next) % posts.Length)];
                var write = phase switch { "reads" => false, "writes" => true, _ => random.NextDouble() < options.MixedWrites };
                try
                {
                    if (write)
                        await WriteAsync(post, stats);
                    else
                        await GetAsync(post, stats);
                }
                catch (HttpRequestException e)
                {
                    stats.Error(e.Message);
                }
                catch (TaskCanceledException e)
                {
                    stats.Error("timeout: " + e.Message);
                }
            }
        })).ToArray();
        await Task.WhenAll(users);
        stats.Elapsed = clock.Elapsed;
        return stats;
    }
}

internal sealed class Stats
{
    private readonly ConcurrentQueue<(string Method, int Status, long Micros)> _samples = new();
    private readonly ConcurrentQueue<string> _errors = new();
    public TimeSpan Elapsed { get; set; }

    public void Record(string method, int status, TimeSpan latency) => _samples.Enqueue((method, status, (long)(latency.Ticks / 10)));

    public void Error(string message) => _errors.Enqueue(message);

    public void Print(string phase)
    {
        var all = _samples.ToArray();
        var seconds = Elapsed.TotalSeconds;
        Console.WriteLine($"== {phase}: {all.Length} requests in {seconds:F1} s = {all.Length / seconds:F0} requests/s  {Percentiles(all.Select(s => s.Micros))}");
        foreach (var group in all.GroupBy(s => s.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ok = group.Count(s => s.Status == 200);
            var statuses = string.Join(", ", group.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "gave up" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}"));
            Console.WriteLine($"   {group.Key}: {group.Count() / seconds:F0}/s, 200s {ok / seconds:F0}/s  {Percentiles(group.Select(s => s.Micros))}  [{statuses}]");
        }
        if (!_errors.IsEmpty)
        {
            Console.WriteLine($"   errors: {_errors.Count}");
            foreach (var e in _errors.GroupBy(e => e.Length > 120 ? e[..120] : e).OrderByDescending(g => g.Count()).Take(5))
                Console.WriteLine($"     {e.Count()} x {e.Key}");
        }
    }

    private static string Percentiles(IEnumerable<long> micros)
    {
        var sorted = micros.Order().ToArray();
        if (sorted.Length == 0)
            return "";
        string At(double q) => (sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] / 1000.0).ToString("F1", CultureInfo.InvariantCulture);
        return $"p50 {At(0.50)} ms, p95 {At(0.95)} ms, p99 {At(0.99)} ms, max {At(1.0)} ms";
    }
}

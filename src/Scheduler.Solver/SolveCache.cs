using System.Collections.Concurrent;

namespace Scheduler.Solver;

/// <summary>Post searches already done, keyed by everything a search depends on: the post's model as
/// CP-SAT receives it (variables, constraints and first fit's month as the hint, serialized), the seed,
/// the deterministic time and the bounds the result is judged by. One CP-SAT model solved single-threaded
/// under a deterministic limit gives the same answer every time, so a post whose model is byte for byte
/// the same as one solved before takes that answer without searching: a what-if solves again only the
/// posts its change reaches, and gets the schedule a full plan of the variant would. Thread-safe.</summary>
internal sealed class SolveCache
{
    private readonly ConcurrentDictionary<string, CachedSolve> _solves = new(StringComparer.Ordinal);
    private int _hits;
    private int _misses;

    /// <summary>Searches answered from the cache.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Searches run and stored.</summary>
    public int Misses => Volatile.Read(ref _misses);

    /// <summary>The answer stored under <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out CachedSolve solve)
    {
        if (_solves.TryGetValue(key, out solve!))
        {
            Interlocked.Increment(ref _hits);
            return true;
        }
        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Stores an answer (the first stored for a key stands).</summary>
    public void Add(string key, CachedSolve solve) => _solves.TryAdd(key, solve);
}

/// <summary>One post's search: the final value of each model variable by index, the outcome and the
/// last solve status.</summary>
internal sealed record CachedSolve(long[] Values, PostOutcome Outcome, string LastStatus);

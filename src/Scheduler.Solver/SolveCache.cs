using System.Collections.Concurrent;

namespace Scheduler.Solver;

/// <summary>Post searches done or under way, keyed by everything a search depends on: the post's model
/// as CP-SAT receives it (variables, constraints and first fit's month as the hint, serialized), the
/// seed, the deterministic time and the bounds the result is judged by. One CP-SAT model solved
/// single-threaded under a deterministic limit gives the same answer every time, so a post whose model
/// is byte for byte one searched before (or being searched now, by a plan running beside this one)
/// takes that answer without searching: a what-if searches again only the posts its change reaches,
/// and gets the schedule a full plan of the variant would. Thread-safe.</summary>
internal sealed class SolveCache
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CachedSolve?>> _solves = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="key"/>: true when the caller is the first to ask and must search
    /// and then <see cref="Complete"/>; false when another search has it, whose answer
    /// <paramref name="answer"/> gives (null when that search was cut short: search anew).</summary>
    /// <remarks>A claimant searches at once and waits on nothing, so waiting on its answer cannot deadlock.</remarks>
    public bool TryClaim(string key, out Task<CachedSolve?> answer)
    {
        var mine = new TaskCompletionSource<CachedSolve?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = _solves.GetOrAdd(key, mine);
        answer = entry.Task;
        return ReferenceEquals(entry, mine);
    }

    /// <summary>Gives the answer of a claimed key (null: the search was cut short, and the key is
    /// released so that a later search may claim it again).</summary>
    public void Complete(string key, CachedSolve? solve)
    {
        if (_solves.TryGetValue(key, out var entry))
        {
            if (solve is null)
            {
                _solves.TryRemove(new KeyValuePair<string, TaskCompletionSource<CachedSolve?>>(key, entry));
            }
            entry.TrySetResult(solve);
        }
    }
}

/// <summary>One post's search: the final value of each model variable by index, the outcome and the
/// last solve status.</summary>
internal sealed record CachedSolve(long[] Values, PostOutcome Outcome, string LastStatus);

using Scheduler.Solver;

namespace Scheduler.Planning;

/// <summary>Post searches kept across the plans of one <see cref="MonthlyPlanner"/>. A post's answer is
/// reused only when its CP-SAT model (cases, sessions, rules, numbers left to it, first fit's month as
/// the hint), seed and deterministic limit are exactly those of a search done before, which CP-SAT
/// answers the same way every time: a plan with the cache gives the schedule a plan without it would.
/// Searches cut short by a time limit or a stop are not kept. Plans may run at once on one cache: a
/// search under way is waited for, not repeated. Thread-safe; lives as long as the planner.</summary>
public sealed class PlanCache
{
    /// <summary>A cache in memory only, for the plans of one process.</summary>
    public PlanCache() : this(null)
    {
    }

    /// <summary>A cache that also keeps its answers in <paramref name="directory"/> (created on first
    /// use; one small file per post model), so a later process planning the same models, such as the
    /// next what-if on the same month, takes them without searching. Null: memory only.</summary>
    public PlanCache(string? directory)
    {
        Directory = directory is null ? null : Path.GetFullPath(directory);
        Solves = new SolveCache(Directory);
    }

    /// <summary>A cache whose plans, run at once, share <paramref name="searchesAtOnce"/> post searches
    /// between them (a what-if's baseline and variants on the machine's workers): more CP-SAT solves
    /// than cores only contend for the cores and their caches. Results do not change: each search is
    /// the same single-threaded, deterministically limited solve, whenever it runs.</summary>
    public PlanCache(string? directory, int searchesAtOnce) : this(directory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(searchesAtOnce, 1);
        SearchSlots = new SemaphoreSlim(searchesAtOnce, searchesAtOnce);
    }

    /// <summary>Where answers are kept on disk, or null.</summary>
    public string? Directory { get; }

    /// <summary>Keeps the folder's answers within <paramref name="maxBytes"/>, deleting those used longest
    /// ago (down to three quarters of it) when they hold more; nothing for a cache in memory only.
    /// Returns the files deleted. Safe while other processes use the folder: an answer deleted under a
    /// reader is a miss, searched again.</summary>
    public int Trim(long maxBytes) => Directory is null ? 0 : SolveFile.Trim(Directory, maxBytes);

    internal SolveCache Solves { get; }

    /// <summary>Post answers taken from <see cref="Directory"/> so far, rather than searched.</summary>
    public int AnswersFromFolder => Solves.FromFolder;

    /// <summary>Post answers taken from those handed in with <see cref="Give"/> so far, rather than searched.</summary>
    public int AnswersGiven => Solves.FromGiven;

    /// <summary>Hands in answers kept elsewhere (the searches a committed batch kept in the database): a post
    /// whose model has one of these fingerprints takes its answer rather than search, as it would take one
    /// from <see cref="Directory"/>. Returns how many were taken in; one whose bytes are not an answer is
    /// left out (that post is searched).</summary>
    public int Give(IEnumerable<KeptSearch> searches)
    {
        ArgumentNullException.ThrowIfNull(searches);
        return searches.Count(s => Solves.Give(s.Fingerprint, s.Answer));
    }

    /// <summary>The answers of a plan's searches (<see cref="MonthlyPlan.SearchKeys"/>) that ran to their limit
    /// or were taken, to keep beside the plan and <see cref="Give"/> to a later cache: compressed, one per
    /// fingerprint. A search cut short has none.</summary>
    public IReadOnlyList<KeptSearch> Answers(IEnumerable<string> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        return Solves.Answers(fingerprints).Select(a => new KeptSearch(a.Key, a.Answer)).ToList();
    }

    /// <summary>The searches the plans on this cache may run at once, or null (no shared limit).</summary>
    internal SemaphoreSlim? SearchSlots { get; }
}

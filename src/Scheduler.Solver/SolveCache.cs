using System.Collections.Concurrent;

namespace Scheduler.Solver;

/// <summary>Post searches done or under way, keyed by everything a search depends on: the post's model
/// as CP-SAT receives it (variables, constraints and first fit's month as the hint, serialized), the
/// seed, the deterministic time and the bounds the result is judged by. One CP-SAT model solved
/// single-threaded under a deterministic limit gives the same answer every time, so a post whose model
/// is byte for byte one searched before (or being searched now, by a plan running beside this one)
/// takes that answer without searching: a what-if searches again only the posts its change reaches,
/// and gets the schedule a full plan of the variant would. Thread-safe.</summary>
/// <param name="directory">Where answers are also kept on disk, one file per fingerprint, so that later
/// processes (the next what-if on the same month) take them too; null keeps them in memory only.</param>
internal sealed class SolveCache(string? directory = null)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CachedSolve?>> _solves = new(StringComparer.Ordinal);
    private int _fromFolder;

    /// <summary>Answers read from the folder so far (not searched in this process).</summary>
    public int FromFolder => Volatile.Read(ref _fromFolder);

    /// <summary>Claims <paramref name="key"/>: true when the caller is the first to ask and must search
    /// and then <see cref="Complete"/>; false when another search has it, whose answer
    /// <paramref name="answer"/> gives (null when that search was cut short: search anew).</summary>
    /// <remarks>A claimant searches at once and waits on nothing, so waiting on its answer cannot deadlock.</remarks>
    public bool TryClaim(string key, out Task<CachedSolve?> answer)
    {
        var mine = new TaskCompletionSource<CachedSolve?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = _solves.GetOrAdd(key, mine);
        answer = entry.Task;
        if (!ReferenceEquals(entry, mine))
        {
            return false;
        }
        if (directory is not null && PathOf(key) is var path && SolveFile.Read(path) is { } kept)
        {
            Interlocked.Increment(ref _fromFolder);
            SolveFile.Touch(path);
            mine.TrySetResult(kept);
            return false;
        }
        return true;
    }

    private string PathOf(string key) => Path.Combine(directory!, key[..2], key + ".solve");

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
            else if (directory is not null)
            {
                SolveFile.Write(PathOf(key), solve);
            }
            entry.TrySetResult(solve);
        }
    }
}

/// <summary>One post's search: the final value of each model variable by index, the outcome and the
/// last solve status.</summary>
internal sealed record CachedSolve(long[] Values, PostOutcome Outcome, string LastStatus);

/// <summary>One kept answer on disk: a small binary file written beside its place and moved there, so
/// a reader sees the whole file or none. A file that cannot be read is a miss (the post is searched).</summary>
internal static class SolveFile
{
    private const int Magic = 0x31534353; // "SCS1"

    public static CachedSolve? Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Magic)
            {
                return null;
            }
            var status = (Scheduler.Core.Scheduling.Metrics.SolveStatus)reader.ReadInt32();
            var (seats, bound, ms) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
            var lastStatus = reader.ReadString();
            var values = new long[reader.ReadInt32()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadInt64();
            }
            return reader.BaseStream.Position == reader.BaseStream.Length && Enum.IsDefined(status)
                ? new CachedSolve(values, new PostOutcome(status, seats, bound, ms), lastStatus)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or OverflowException or OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Marks a kept answer as used now, so that <see cref="Trim"/> removes the answers used longest ago.</summary>
    public static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only: the answer is still good; it may be trimmed sooner.
        }
    }

    /// <summary>Keeps <paramref name="directory"/>'s answers within <paramref name="maxBytes"/>: when they
    /// hold more, the answers used longest ago (written or taken) are deleted until three quarters of it
    /// are left; files left half-written by a process that died over an hour ago go too. Returns the
    /// files deleted. A file another process holds, or one that cannot be deleted, is left.</summary>
    public static int Trim(string directory, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (!Directory.Exists(directory))
        {
            return 0;
        }
        var deleted = 0;
        var kept = new List<FileInfo>();
        long total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name.EndsWith(".partial", StringComparison.Ordinal))
                {
                    if (file.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1) && Delete(file))
                    {
                        deleted++;
                    }
                }
                else if (file.Name.EndsWith(".solve", StringComparison.Ordinal))
                {
                    kept.Add(file);
                    total += file.Length;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return deleted;
        }
        if (total <= maxBytes)
        {
            return deleted;
        }
        var goal = maxBytes / 4 * 3;
        foreach (var file in kept.OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            if (total <= goal)
            {
                break;
            }
            var length = file.Length;
            if (Delete(file))
            {
                total -= length;
                deleted++;
            }
        }
        return deleted;
    }

    private static bool Delete(FileInfo file)
    {
        try
        {
            file.Delete();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void Write(string path, CachedSolve solve)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.partial";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write((int)solve.Outcome.Status);
                writer.Write(solve.Outcome.Seats);
                writer.Write(solve.Outcome.Bound);
                writer.Write(solve.Outcome.SolveMs);
                writer.Write(solve.LastStatus);
                writer.Write(solve.Values.Length);
                foreach (var value in solve.Values)
                {
                    writer.Write(value);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs a search next time, nothing more.
        }
    }
}

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
    private readonly ConcurrentDictionary<string, CachedSolve> _given = new(StringComparer.Ordinal);
    private int _fromFolder;
    private int _fromGiven;

    /// <summary>Answers read from the folder so far (not searched in this process).</summary>
    public int FromFolder => Volatile.Read(ref _fromFolder);

    /// <summary>Answers taken from those <see cref="Give"/> handed in (not searched in this process).</summary>
    public int FromGiven => Volatile.Read(ref _fromGiven);

    /// <summary>Hands in an answer kept elsewhere (a committed batch's, in the database) under its fingerprint:
    /// a model with that fingerprint takes it rather than search. False when <paramref name="answer"/> is not
    /// an answer (it is then ignored, and such a model is searched).</summary>
    public bool Give(string key, byte[] answer)
    {
        if (key.Length != 64 || SolveFile.FromBytes(answer) is not { } solve)
        {
            return false;
        }
        _given[key] = solve;
        return true;
    }

    /// <summary>The answers of <paramref name="keys"/> that are complete (searched to their limit, or taken),
    /// each as the bytes <see cref="Give"/> takes back, in the order given, each key once.</summary>
    public IReadOnlyList<(string Key, byte[] Answer)> Answers(IEnumerable<string> keys)
    {
        var answers = new List<(string, byte[])>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (_solves.TryGetValue(key, out var entry) && entry.Task.IsCompletedSuccessfully && entry.Task.Result is { } solve)
            {
                answers.Add((key, SolveFile.ToBytes(solve, compressed: true)));
            }
        }
        return answers;
    }

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
        if (_given.TryGetValue(key, out var given))
        {
            Interlocked.Increment(ref _fromGiven);
            mine.TrySetResult(given);
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

    /// <summary>The same answer deflated (ZLib) behind a magic of its own: most of a model's values are
    /// small counts and zeros, so a national month's 115 answers shrink from 1.9 MB to 75 KB (measured 2026-12-03).</summary>
    private const int CompressedMagic = 0x5A534353; // "SCSZ"

    public static CachedSolve? Read(string path)
    {
        try
        {
            return File.Exists(path) ? FromBytes(File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>An answer from its bytes (plain as in a file, or compressed), or null when they are not one.</summary>
    public static CachedSolve? FromBytes(byte[] bytes)
    {
        try
        {
            if (bytes.Length >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes) == CompressedMagic)
            {
                var inflated = new MemoryStream();
                using (var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(bytes, 4, bytes.Length - 4, writable: false),
                    System.IO.Compression.CompressionMode.Decompress))
                {
                    zlib.CopyTo(inflated);
                }
                inflated.Position = 0;
                return Parse(inflated);
            }
            return Parse(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or OverflowException or OutOfMemoryException)
        {
            return null;
        }
    }

    private static CachedSolve? Parse(MemoryStream bytes)
    {
        using var reader = new BinaryReader(bytes);
        try
        {
            if (reader.ReadInt32() != Magic)
            {
                return null;
            }
            var status = (Scheduler.Core.Scheduling.Metrics.SolveStatus)reader.ReadInt32();
            var (seats, bound, ms) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
            var lastStatus = reader.ReadString();
            var count = reader.ReadInt32();
            if (count < 0 || (long)count * sizeof(long) > reader.BaseStream.Length - reader.BaseStream.Position)
            {
                return null;
            }
            var values = new long[count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadInt64();
            }
            return reader.BaseStream.Position == reader.BaseStream.Length && Enum.IsDefined(status)
                ? new CachedSolve(values, new PostOutcome(status, seats, bound, ms), lastStatus)
                : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>An answer as bytes: as a file holds it, or deflated for a database row.</summary>
    public static byte[] ToBytes(CachedSolve solve, bool compressed)
    {
        var plain = new MemoryStream();
        using (var writer = new BinaryWriter(plain, System.Text.Encoding.UTF8, leaveOpen: true))
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
        if (!compressed)
        {
            return plain.ToArray();
        }
        var packed = new MemoryStream();
        Span<byte> magic = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(magic, CompressedMagic);
        packed.Write(magic);
        using (var zlib = new System.IO.Compression.ZLibStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(plain.GetBuffer(), 0, (int)plain.Length);
        }
        return packed.ToArray();
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
            File.WriteAllBytes(temporary, ToBytes(solve, compressed: false));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs a search next time, nothing more.
        }
    }
}

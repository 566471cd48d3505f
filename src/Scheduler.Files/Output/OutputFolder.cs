namespace Scheduler.Files.Output;

/// <summary>Writes a folder all at once: the files go to a hidden sibling folder that is moved into
/// place only when complete, so a failed or cancelled run leaves nothing half-written. An existing
/// folder is replaced only when it is empty or holds nothing but files of the kind being written
/// (a previous schedule, a previous sample): <c>--out .</c> or <c>--out ~</c> never deletes anything else.</summary>
public static class OutputFolder
{
    /// <summary>The files of an output folder of <c>plan</c>.</summary>
    public static readonly IReadOnlySet<string> ScheduleFiles =
        new HashSet<string>(["appointments.csv", "allocations.csv", "unscheduled.csv", "summary.json", "numbers.csv"], StringComparer.Ordinal);

    /// <summary>The files of a scenario folder written by <c>sample</c>.</summary>
    public static readonly IReadOnlySet<string> ScenarioFiles =
        new HashSet<string>(["settings.json", "posts.json", "cases.csv", "applicants.csv", "bulletin.csv", "numbers.csv", "limits.csv", "usage.csv"], StringComparer.Ordinal);

    /// <summary>Why <paramref name="directory"/> may not be replaced by a folder of
    /// <paramref name="replaceable"/> files, or null when it may (it does not exist, is empty, or
    /// holds only such files).</summary>
    public static string? WhyNotReplaceable(string directory, IReadOnlySet<string> replaceable)
    {
        ArgumentNullException.ThrowIfNull(replaceable);
        var full = Path.GetFullPath(directory);
        var target = full.TrimEnd(Path.DirectorySeparatorChar);
        if (Path.GetDirectoryName(target) is null)
        {
            return $"{full}: cannot replace a root folder";
        }
        if (File.Exists(target))
        {
            return $"{target}: a file, not a folder";
        }
        if (!Directory.Exists(target))
        {
            return null;
        }
        var others = Directory.EnumerateFileSystemEntries(target)
            .Where(e => Directory.Exists(e) || !replaceable.Contains(Path.GetFileName(e)))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(4).ToList();
        if (others.Count == 0)
        {
            return null;
        }
        var listed = $"{string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", ..." : "")}";
        // A writer that replaces nothing (an empty set) takes only a new or empty folder: say so, not "other things".
        return replaceable.Count == 0
            ? $"{target}: exists and is not empty ({listed}); choose a new or empty folder"
            : $"{target}: will not replace a folder that holds other things ({listed}); choose a new or empty folder";
    }

    /// <summary>Why <paramref name="directory"/> may not be written by a writer that replaces nothing, or null when
    /// it does not exist or is empty.</summary>
    public static string? WhyNotNewOrEmpty(string directory) => WhyNotReplaceable(directory, Nothing);

    private static readonly IReadOnlySet<string> Nothing = new HashSet<string>();

    /// <summary>Runs <paramref name="write"/> on an empty temporary folder, then replaces
    /// <paramref name="directory"/> with it. On any failure the temporary folder is removed and
    /// <paramref name="directory"/> is left as it was.</summary>
    /// <exception cref="IOException"><paramref name="directory"/> holds other things than
    /// <paramref name="replaceable"/> files (see <see cref="WhyNotReplaceable"/>).</exception>
    public static void WriteAtomically(string directory, IReadOnlySet<string> replaceable, Action<string> write) =>
        WriteAtomically(directory, d => WhyNotReplaceable(d, replaceable), write);

    /// <summary>As <see cref="WriteAtomically(string, IReadOnlySet{string}, Action{string})"/>, with the
    /// caller's rule for what may be replaced (<paramref name="whyNotReplaceable"/> gives the reason
    /// a folder may not be, or null).</summary>
    public static void WriteAtomically(string directory, Func<string, string?> whyNotReplaceable, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(whyNotReplaceable);
        if (whyNotReplaceable(directory) is { } refused)
        {
            throw new IOException(refused);
        }
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            // Checked again just before the swap: something may have been put there meanwhile.
            if (whyNotReplaceable(target) is { } late)
            {
                throw new IOException(late);
            }
            if (Directory.Exists(target))
            {
                var old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
                Directory.Move(target, old);
                Directory.Move(staging, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(staging, target);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Writes one file all or nothing: a temporary file beside it, moved into place.</summary>
    public static void WriteFileAtomically(string path, string contents)
    {
        var target = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("not a file path", nameof(path));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(staging, contents, new System.Text.UTF8Encoding(false));
            File.Move(staging, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
        }
    }
}

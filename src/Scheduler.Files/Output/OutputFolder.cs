namespace Scheduler.Files.Output;

/// <summary>Writes a folder all at once: the files go to a hidden sibling folder that is moved into
/// place only when complete, so a failed or cancelled run leaves nothing half-written.</summary>
public static class OutputFolder
{
    /// <summary>Runs <paramref name="write"/> on an empty temporary folder, then replaces
    /// <paramref name="directory"/> with it. On any failure the temporary folder is removed and
    /// <paramref name="directory"/> is left as it was.</summary>
    public static void WriteAtomically(string directory, Action<string> write)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("cannot write to a root folder", nameof(directory));
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
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

using System.IO.Compression;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Output;

namespace Scheduler.Batches;

/// <summary>A batch's input as the scenario files it read: their SHA-256 (the batch's input hash)
/// and a zip of them that the ledger keeps, so <c>db export</c> gives back exactly what the batch read.</summary>
public static class ScenarioPackage
{
    /// <summary>The input hash (<see cref="ScenarioHash"/>) and the zip.</summary>
    public static (string Hash, byte[] Zip) Pack(ScenarioInputs inputs)
    {
        var files = ScenarioWriter.ToFiles(inputs).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                // A fixed timestamp: the same input gives the same bytes.
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return (ScenarioHash.Of(files), zipped.ToArray());
    }

    /// <summary>The files of a zip made by <see cref="Pack"/>.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Unpack(byte[] zip)
    {
        using var zipped = new MemoryStream(zip);
        using var archive = new ZipArchive(zipped, ZipArchiveMode.Read);
        var files = new List<(string, byte[])>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((entry.Name, copy.ToArray()));
        }
        return files;
    }
}

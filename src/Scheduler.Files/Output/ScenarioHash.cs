using System.Security.Cryptography;
using Scheduler.Core.Scenarios;

namespace Scheduler.Files.Output;

/// <summary>A scenario's input hash: lower-case hex SHA-256 over each file <see cref="ScenarioWriter.ToFiles(Scheduler.Core.Scenarios.ScenarioInputs)"/>
/// writes for it (name, length, bytes, in name order). A scenario read from files and the same
/// scenario read from the database hash alike, so a report can name the input of either.</summary>
public static class ScenarioHash
{
    /// <summary>The hash of the scenario's canonical files.</summary>
    public static string Of(ScenarioInputs inputs) => Of(ScenarioWriter.ToFiles(inputs));

    /// <summary>The hash of files made by <see cref="ScenarioWriter.ToFiles(Scheduler.Core.Scenarios.ScenarioInputs)"/>.</summary>
    public static string Of(IEnumerable<(string Name, byte[] Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(BitConverter.GetBytes((long)content.Length));
            hash.AppendData(content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

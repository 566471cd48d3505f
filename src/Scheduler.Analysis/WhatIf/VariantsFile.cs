namespace Scheduler.Analysis.WhatIf;

/// <summary>A <c>--variants</c> file: one variant per line, its name then its changes, separated by
/// spaces; blank lines and lines starting with <c>#</c> are skipped.
/// <code>
/// # name         changes
/// mnl-more       post.MNL.capacity=x1.5
/// ph-f4-year     bulletin.F4.PH=+1y numbers.F4.PH=+200
/// iran-yerevan   route.IR=YRV
/// </code></summary>
public static class VariantsFile
{
    /// <summary>The variants of <paramref name="path"/>; every problem is <c>file:line: message</c>
    /// in <paramref name="problems"/> (the list is then empty).</summary>
    public static IReadOnlyList<Variant> Read(string path, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}:0: cannot read: {e.Message}");
            return [];
        }
        var variants = new List<Variant>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var where = $"{path}:{i + 1}";
            if (Variant.WhyNotAName(words[0]) is { } bad)
            {
                problems.Add($"{where}: {bad}");
                continue;
            }
            if (names.TryGetValue(words[0], out var first))
            {
                problems.Add($"{where}: variant name {words[0]}: already on line {first}");
                continue;
            }
            names[words[0]] = i + 1;
            if (words.Length == 1)
            {
                problems.Add($"{where}: variant {words[0]}: no changes (NAME KEY=VALUE ...)");
                continue;
            }
            var changes = new List<ScenarioChange>();
            foreach (var word in words.Skip(1))
            {
                try
                {
                    changes.Add(ScenarioChange.Parse(word));
                }
                catch (ScenarioChangeException e)
                {
                    problems.Add($"{where}: {e.Message}");
                }
            }
            variants.Add(new Variant(words[0], changes));
        }
        if (variants.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{path}:0: no variants (one per line: NAME KEY=VALUE ...)");
        }
        return problems.Count == 0 ? variants : [];
    }
}

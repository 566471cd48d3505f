using System.Text;

namespace Scheduler.Verification;

/// <summary>Reads the spec's CSV files into rows of named cells (its own reader: verify shares no
/// code with the scheduler).</summary>
internal static class Files
{
    public static List<Dictionary<string, string>>? Csv(string path, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add($"{Path.GetFileName(path)}:0: file is missing");
            return null;
        }
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        var lineNo = 0;
        using var lines = File.ReadLines(path, Encoding.UTF8).GetEnumerator();
        while (lines.MoveNext())
        {
            lineNo++;
            var first = lineNo;
            var line = lines.Current;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var cells = Split(line);
            // A quoted field may hold line breaks: the record goes on until its quotes close.
            while (cells is null && lines.MoveNext())
            {
                lineNo++;
                line += "\n" + lines.Current;
                cells = Split(line);
            }
            if (cells is null)
            {
                problems.Add($"{Path.GetFileName(path)}:{first}: cannot parse the line");
                return null;
            }
            if (header is null)
            {
                header = [.. cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant())];
                continue;
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal) { ["#line"] = first.ToString() };
            for (var i = 0; i < header.Length && i < cells.Count; i++)
            {
                row[header[i]] = cells[i].Trim();
            }
            rows.Add(row);
        }
        return rows;
    }

    public static string? Get(this Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    private static List<string>? Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }
        if (quoted)
        {
            return null;
        }
        cells.Add(cell.ToString());
        return cells;
    }
}

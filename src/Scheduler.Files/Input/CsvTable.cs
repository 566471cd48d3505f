using System.Text;

namespace Scheduler.Files.Input;

/// <summary>Reads a CSV file the spec's way: RFC 4180 quoting, a header row, column names
/// case-insensitive and in any order, unknown columns ignored, cells trimmed, empty cells meaning
/// "not given". (CsvHelper 34 dropped the record-level parser API that reports source lines, and
/// every problem here must name its line, so the few lines of RFC 4180 are written out.)</summary>
internal static class CsvTable
{
    /// <summary>Yields the data rows of <paramref name="path"/>; problems (missing required columns,
    /// an unterminated quote) go to <paramref name="problems"/>.</summary>
    public static IEnumerable<CsvRow> Read(string path, ProblemList problems, params string[] requiredColumns)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        Dictionary<string, int>? columns = null;
        var line = 0;
        var cells = new List<string>();
        var cell = new StringBuilder();
        while (reader.ReadLine() is { } text)
        {
            line++;
            var startLine = line;
            cells.Clear();
            cell.Clear();
            var quoted = false;
            int? stray = null;
            var i = 0;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (!quoted)
                    {
                        cells.Add(cell.ToString().Trim());
                        break;
                    }
                    if (reader.ReadLine() is not { } next)
                    {
                        problems.Add(file, startLine, "unterminated quoted field");
                        yield break;
                    }
                    line++;
                    cell.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }
                var ch = text[i++];
                if (quoted)
                {
                    if (ch != '"')
                    {
                        cell.Append(ch);
                    }
                    else if (i < text.Length && text[i] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (ch == ',')
                {
                    cells.Add(cell.ToString().Trim());
                    cell.Clear();
                }
                else if (ch == '"' && cell.ToString().Trim().Length == 0)
                {
                    cell.Clear();
                    quoted = true;
                }
                else if (ch == '"')
                {
                    // RFC 4180: a field holding a quote is quoted, with the quote doubled. Readers
                    // differ on a bare one, so it is refused rather than guessed at.
                    stray ??= line;
                    cell.Append(ch);
                }
                else
                {
                    cell.Append(ch);
                }
            }

            if (stray is { } strayLine)
            {
                problems.Add(file, strayLine, "stray quote inside an unquoted field (quote the field and double the quote)");
                continue;
            }
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue;
            }
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var c = 0; c < cells.Count; c++)
                {
                    columns.TryAdd(cells[c].TrimStart('\uFEFF'), c);
                }
                var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
                foreach (var column in missing)
                {
                    problems.Add(file, startLine, $"missing required column '{column}'");
                }
                if (missing.Count > 0)
                {
                    yield break;
                }
                continue;
            }
            yield return new CsvRow(file, startLine, [.. cells], columns);
        }
        if (columns is null)
        {
            problems.Add(file, 1, "empty file: a header row is required");
        }
    }
}

/// <summary>One data row of a CSV file.</summary>
internal sealed class CsvRow(string file, int line, string[] cells, Dictionary<string, int> columns)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    /// <summary>The trimmed cell of a column, or null when the column is absent or the cell empty.</summary>
    public string? this[string column] =>
        columns.TryGetValue(column, out var i) && i < cells.Length && cells[i].Length > 0 ? cells[i] : null;
}

using CsvHelper;

namespace Scheduler.Files.Input;

/// <summary>Reads a CSV file the spec's way, with CsvHelper: RFC 4180 quoting (a quoted field may
/// span lines), a header row, column names case-insensitive and in any order, unknown columns
/// ignored, cells trimmed, empty cells meaning "not given". Malformed quoting (a stray quote in an
/// unquoted field, text after a closing quote, a quote never closed) is a problem on the line its
/// record starts, never guessed at: readers differ on what such a record means.</summary>
internal static class CsvTable
{
    /// <summary>Yields the data rows of <paramref name="path"/>; problems (missing required columns,
    /// malformed quoting) go to <paramref name="problems"/>.</summary>
    public static IEnumerable<CsvRow> Read(string path, ProblemList problems, params string[] requiredColumns)
    {
        var file = Path.GetFileName(path);
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = false,            // read as a record here, to report it by line and name
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => problems.Add(file, (int)record.LineNumber, Describe(record.Reason)),
        };
        using var reader = CsvReader.FromFile(path, options);
        Dictionary<string, int>? columns = null;
        while (Next(reader, file, problems))
        {
            var line = (int)reader.LineNumber;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = (reader.GetString(i) ?? "").Trim();
            }
            if (cells.Length == 0 || (cells.Length == 1 && cells[0].Length == 0))
            {
                continue;
            }
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var c = 0; c < cells.Length; c++)
                {
                    columns.TryAdd(cells[c].TrimStart('\uFEFF'), c);
                }
                var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
                foreach (var column in missing)
                {
                    problems.Add(file, line, $"missing required column '{column}'");
                }
                if (missing.Count > 0)
                {
                    yield break;
                }
                continue;
            }
            yield return new CsvRow(file, line, cells, columns);
        }
        if (columns is null)
        {
            problems.Add(file, 1, "empty file: a header row is required");
        }
    }

    private static bool Next(CsvReader reader, string file, ProblemList problems)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            problems.Add(file, (int)e.LineNumber, e.Message);
            return false;
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "stray quote inside an unquoted field (quote the field and double the quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
        CsvMalformedReason.UnterminatedQuote => "unterminated quoted field",
        _ => $"malformed record ({reason})",
    };
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

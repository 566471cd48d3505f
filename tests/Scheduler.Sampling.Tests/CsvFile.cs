namespace Scheduler.Sampling.Tests;

/// <summary>A small CSV file read whole: the samples hold no quotes or commas inside values, so a
/// split on ',' is the whole parser.</summary>
internal sealed class CsvFile
{
    private readonly Dictionary<string, int> _columns;

    public CsvFile(string path)
    {
        var lines = File.ReadAllLines(path);
        Header = lines[0].Split(',');
        _columns = Header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        Rows = [.. lines.Skip(1).Select(l => l.Split(','))];
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public string this[string[] row, string column] => row[_columns[column]];

    public IEnumerable<string> Column(string column) => Rows.Select(r => r[_columns[column]]);
}

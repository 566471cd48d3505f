using System.Globalization;
using NodaTime;

namespace Scheduler.Sampling.Reference;

/// <summary>The embedded post table, Reference/posts.csv (its header comments give the provenance):
/// read once, largest post first.</summary>
internal static class PostReferenceTable
{
    private const string ResourceName = "Scheduler.Sampling.Reference.posts.csv";

    private static readonly Lazy<PostReference[]> Table = new(Load);

    public static IReadOnlyList<PostReference> All => Table.Value;

    public static PostReference Get(string code) => Table.Value.Single(p => p.Code == code);

    private static PostReference[] Load()
    {
        using var stream = typeof(PostReferenceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var rows = new List<PostReference>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (header)
            {
                header = false;
                continue;
            }
            rows.Add(Parse(line.Split(',')));
        }
        return [.. rows];
    }

    private static PostReference Parse(string[] cells) => new(
        Code: cells[0],
        Name: cells[1],
        Country: cells[2],
        TimeZone: cells[3],
        Weekend: [.. List(cells[4]).Select(Enum.Parse<IsoDayOfWeek>)],
        Languages: Languages(cells[5]),
        Serves: List(cells[6]),
        DesignatedFor: [.. List(cells[7]).Select(Designation)],
        LocalHolidays: [.. List(cells[8]).Select(IsoText.ToLocalDate)],
        ImmediateRelativeShare: double.Parse(cells[9], CultureInfo.InvariantCulture),
        PrincipalIssuances: [.. cells[10..(10 + Categories.Count)].Select(c => int.Parse(c, CultureInfo.InvariantCulture))]);

    private static string[] List(string cell) => cell.Length == 0 ? [] : cell.Split('|');

    private static LanguageMix Languages(string cell)
    {
        var parts = List(cell).Select(p => p.Split(':')).ToArray();
        return new LanguageMix(
            [.. parts.Select(p => p[0])],
            [.. parts.Select(p => p.Length > 1 ? double.Parse(p[1], CultureInfo.InvariantCulture) : 1.0)]);
    }

    private static DesignatedCountry Designation(string cell)
    {
        var parts = cell.Split(':');
        return new DesignatedCountry(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture) / 100, parts.Length > 2 ? parts[2] : null);
    }
}

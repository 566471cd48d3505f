namespace Scheduler.Sampling.Reference;

/// <summary>The principal visa classes of each category (symbols as in
/// shared/data/iv_visa_class_symbols_hminaya.psv) weighted by FY2019 issuances to principals
/// (shared/data/iv_issuances_by_post_class_FY2019_monthly.csv). F22 and FX2 count at a fifth: most
/// of those children travel as derivatives of an F21/FX1 spouse, not on their own petition.</summary>
internal static class VisaClasses
{
    /// <summary>One principal class: its symbol, weight within the category and kind of principal.</summary>
    public sealed record Entry(string Symbol, double Weight, PrincipalKind Kind);

    private static readonly Entry[][] ByCategory =
    [
        [
            new("IR5", 63253, PrincipalKind.CitizenParent), new("IR1", 53504, PrincipalKind.CitizenSpouse),
            new("IR2", 31680, PrincipalKind.CitizenChild), new("CR1", 29675, PrincipalKind.CitizenSpouse),
            new("CR2", 4388, PrincipalKind.CitizenChild), new("IH3", 1840, PrincipalKind.Orphan),
            new("IR3", 842, PrincipalKind.Orphan), new("IW1", 351, PrincipalKind.CitizenSpouse),
            new("IR4", 150, PrincipalKind.Orphan), new("IH4", 145, PrincipalKind.Orphan),
        ],
        [new("F11", 1, PrincipalKind.UnmarriedAdultChild)],
        [
            new("FX1", 24556, PrincipalKind.ResidentSpouse), new("F21", 5445, PrincipalKind.ResidentSpouse),
            new("FX2", 19398 / 5, PrincipalKind.ResidentChild), new("F22", 3222 / 5, PrincipalKind.ResidentChild),
        ],
        [new("F24", 1, PrincipalKind.UnmarriedAdultChild)],
        [new("F31", 1, PrincipalKind.MarriedChild)],
        [new("F41", 1, PrincipalKind.Sibling)],
        [new("E11", 620, PrincipalKind.Worker), new("E13", 114, PrincipalKind.Worker), new("E12", 9, PrincipalKind.Worker)],
        [new("E21", 1, PrincipalKind.Worker)],
        [new("E31", 4166, PrincipalKind.Worker), new("E32", 392, PrincipalKind.Worker)],
        [new("EW3", 1, PrincipalKind.Worker)],
        [new("SE1", 457, PrincipalKind.Worker), new("SD1", 63, PrincipalKind.Worker), new("SR1", 37, PrincipalKind.Worker)],
        [new("I51", 2596, PrincipalKind.Worker), new("T51", 64, PrincipalKind.Worker), new("C51", 19, PrincipalKind.Worker)],
    ];

    private static readonly double[][] Weights = [.. ByCategory.Select(entries => entries.Select(e => e.Weight).ToArray())];

    public static IReadOnlyList<Entry> Of(Category category) => ByCategory[(int)category];

    public static ReadOnlySpan<double> WeightsOf(Category category) => Weights[(int)category];

    /// <summary>The entry for a class symbol (used when a designation is limited to one class).</summary>
    public static (Category Category, Entry Entry) Find(string symbol)
    {
        for (var c = 0; c < ByCategory.Length; c++)
        {
            if (ByCategory[c].FirstOrDefault(e => e.Symbol == symbol) is { } entry)
            {
                return ((Category)c, entry);
            }
        }
        throw new ArgumentException($"unknown principal visa class '{symbol}'", nameof(symbol));
    }
}

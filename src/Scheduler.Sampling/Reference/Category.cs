namespace Scheduler.Sampling.Reference;

/// <summary>The categories of cases.csv, in the spec's order; the names are written as they are.</summary>
internal enum Category
{
    IR, F1, F2A, F2B, F3, F4, EB1, EB2, EB3, EW, EB4, EB5,
}

/// <summary>What the generator needs to know about a <see cref="Category"/>.</summary>
internal static class Categories
{
    public const int Count = 12;

    public static readonly Category[] All = Enum.GetValues<Category>();

    /// <summary>The mix-rule group: <c>IR</c>, <c>FAMILY</c> or <c>EMPLOYMENT</c>.</summary>
    public static string Group(this Category category) => category switch
    {
        Category.IR => "IR",
        >= Category.F1 and <= Category.F4 => "FAMILY",
        _ => "EMPLOYMENT",
    };

    /// <summary>Immediate relatives are not numerically limited and always current.</summary>
    public static bool IsLimited(this Category category) => category != Category.IR;

    public static string Code(this Category category) => category switch
    {
        Category.IR => "IR", Category.F1 => "F1", Category.F2A => "F2A", Category.F2B => "F2B", Category.F3 => "F3",
        Category.F4 => "F4", Category.EB1 => "EB1", Category.EB2 => "EB2", Category.EB3 => "EB3", Category.EW => "EW",
        Category.EB4 => "EB4", _ => "EB5",
    };
}

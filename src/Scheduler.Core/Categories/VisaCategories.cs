namespace Scheduler.Core.Categories;

/// <summary>Facts about visa categories: their group, whether numbers limit them, their codes.</summary>
public static class VisaCategories
{
    /// <summary>Parses a category code (case-insensitive, e.g. <c>F2A</c>).</summary>
    public static bool TryParse(string? text, out VisaCategory category) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out category)
        && Enum.IsDefined(category)
        && !int.TryParse(text, out _);

    /// <summary>The group a category belongs to (IR, family preference or employment).</summary>
    public static CategoryGroup Group(this VisaCategory category) => category switch
    {
        VisaCategory.IR => CategoryGroup.IR,
        VisaCategory.F1 or VisaCategory.F2A or VisaCategory.F2B or VisaCategory.F3 or VisaCategory.F4 => CategoryGroup.Family,
        _ => CategoryGroup.Employment,
    };

    /// <summary>Immediate Relatives are not numerically limited; every preference category is.</summary>
    public static bool IsNumericallyLimited(this VisaCategory category) => category != VisaCategory.IR;

    /// <summary>The group's code as mix rules write it: <c>IR</c>, <c>FAMILY</c>, <c>EMPLOYMENT</c>.</summary>
    public static string Code(this CategoryGroup group) => group switch
    {
        CategoryGroup.IR => "IR",
        CategoryGroup.Family => "FAMILY",
        _ => "EMPLOYMENT",
    };
}

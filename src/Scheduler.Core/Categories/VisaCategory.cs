namespace Scheduler.Core.Categories;

/// <summary>An immigrant-visa category as the spec's <c>cases.csv</c> names it.</summary>
public enum VisaCategory
{
    IR, F1, F2A, F2B, F3, F4, EB1, EB2, EB3, EW, EB4, EB5,
}

/// <summary>The three groups a post's mix rules may name.</summary>
public enum CategoryGroup
{
    IR, Family, Employment,
}

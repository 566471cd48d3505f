using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Scheduling;

/// <summary>Whether a case counts towards a mix rule.</summary>
public static class MixMatching
{
    /// <summary>The case's value in a mix dimension.</summary>
    public static string ValueOf(VisaCase visaCase, MixDimension dimension) => dimension switch
    {
        MixDimension.Group => visaCase.Category.Group().Code(),
        MixDimension.Category => visaCase.Category.ToString(),
        MixDimension.VisaClass => visaCase.VisaClass,
        MixDimension.Chargeability => visaCase.Chargeability.Code,
        MixDimension.SystemSource => visaCase.SystemSource.ToString(),
        _ => visaCase.Language,
    };

    /// <summary>True when the case's value equals the rule's, ignoring case.</summary>
    public static bool Matches(MixRule rule, VisaCase visaCase) =>
        string.Equals(ValueOf(visaCase, rule.Dimension), rule.Value, StringComparison.OrdinalIgnoreCase);
}

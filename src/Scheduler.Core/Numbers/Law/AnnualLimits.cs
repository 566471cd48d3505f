using NodaTime;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Numbers.Law;

/// <summary>The preferences the Act sets limits for: F2A and F2B share the second family
/// preference, and "other workers" (EW) are part of the third employment preference.</summary>
public enum Preference
{
    F1, F2, F3, F4, EB1, EB2, EB3, EB4, EB5,
}

/// <summary>The fiscal year (1 October - 30 September, named by the year it ends in) and its quarters.</summary>
public static class FiscalCalendar
{
    /// <summary>The fiscal year a month belongs to: October 2026 is in fiscal year 2027.</summary>
    public static int FiscalYear(YearMonth month) => month.Month >= 10 ? month.Year + 1 : month.Year;

    /// <summary>The month's quarter of its fiscal year, 1-4 (October-December is the first).</summary>
    public static int Quarter(YearMonth month) => ((month.Month + 2) % 12) / 3 + 1;

    /// <summary>The preference a category's numbers count against.</summary>
    public static Preference PreferenceOf(VisaCategory category) => category switch
    {
        VisaCategory.F1 => Preference.F1,
        VisaCategory.F2A or VisaCategory.F2B => Preference.F2,
        VisaCategory.F3 => Preference.F3,
        VisaCategory.F4 => Preference.F4,
        VisaCategory.EB1 => Preference.EB1,
        VisaCategory.EB2 => Preference.EB2,
        VisaCategory.EB3 or VisaCategory.EW => Preference.EB3,
        VisaCategory.EB4 => Preference.EB4,
        VisaCategory.EB5 => Preference.EB5,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "immediate relatives have no annual limit"),
    };
}

/// <summary>A fiscal year's annual limits (INA 201-203), before any fall-down.
/// <list type="bullet">
/// <item>Family (INA 203(a)): the worldwide level (226,000 at least) split F1 23,400; F2 114,200
/// plus any excess of the level over 226,000; F3 23,400; F4 65,000.</item>
/// <item>Employment (INA 203(b)): 28.6% of the level to each of EB1, EB2, EB3 (other workers at
/// most 10,000 of EB3), 7.1% to each of EB4 and EB5.</item>
/// <item>Per country (INA 202(a)(2)): 7% of the family and employment levels together.</item>
/// </list>
/// A <c>limits.csv</c> may set the levels (<c>FAMILY</c>, <c>EMPLOYMENT</c>) and any preference's own limit.</summary>
public sealed class AnnualLimits
{
    /// <summary>The family-sponsored worldwide level's floor (INA 201(c)(1)(B)(ii)).</summary>
    public const int DefaultFamilyLevel = 226_000;

    /// <summary>The employment-based worldwide level without carry-over (INA 201(d)).</summary>
    public const int DefaultEmploymentLevel = 140_000;

    /// <summary>Other workers' cap within EB3 (INA 203(b)(3)(B)).</summary>
    public const int DefaultOtherWorkersCap = 10_000;

    private readonly Dictionary<Preference, int> _limits;

    /// <summary>The limits from the levels and any per-preference overrides.</summary>
    public AnnualLimits(int fiscalYear, int familyLevel = DefaultFamilyLevel, int employmentLevel = DefaultEmploymentLevel,
        IReadOnlyDictionary<Preference, int>? overrides = null, int otherWorkersCap = DefaultOtherWorkersCap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(familyLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(employmentLevel);
        FiscalYear = fiscalYear;
        FamilyLevel = familyLevel;
        EmploymentLevel = employmentLevel;
        OtherWorkersCap = otherWorkersCap;
        var third = (int)(employmentLevel * 286L / 1000);
        var seventh = (int)(employmentLevel * 71L / 1000);
        _limits = new Dictionary<Preference, int>
        {
            [Preference.F1] = 23_400,
            [Preference.F2] = Math.Max(0, familyLevel - 23_400 - 23_400 - 65_000),
            [Preference.F3] = 23_400,
            [Preference.F4] = 65_000,
            [Preference.EB1] = third,
            [Preference.EB2] = third,
            [Preference.EB3] = third,
            [Preference.EB4] = seventh,
            [Preference.EB5] = seventh,
        };
        foreach (var (preference, limit) in overrides ?? new Dictionary<Preference, int>())
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit);
            _limits[preference] = limit;
        }
    }

    /// <summary>The fiscal year.</summary>
    public int FiscalYear { get; }

    /// <summary>The family-sponsored worldwide level.</summary>
    public int FamilyLevel { get; }

    /// <summary>The employment-based worldwide level.</summary>
    public int EmploymentLevel { get; }

    /// <summary>Most numbers other workers may use within EB3.</summary>
    public int OtherWorkersCap { get; }

    /// <summary>The per-country limit: 7% of both levels together.</summary>
    public int PerCountryLimit => (int)((FamilyLevel + (long)EmploymentLevel) * 7 / 100);

    /// <summary>A preference's annual limit before fall-down.</summary>
    public int this[Preference preference] => _limits[preference];
}

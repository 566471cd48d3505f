using System.Runtime.CompilerServices;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;

namespace Scheduler.Storage.Sql;

/// <summary>How domain values are written in text columns: the spec's codes where it has them.</summary>
internal static class Codes
{
    public static string Role(ApplicantRole role) => role switch
    {
        ApplicantRole.Principal => "P",
        ApplicantRole.Spouse => "S",
        _ => "C",
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ApplicantRole ParseRole(string code) => code switch
    {
        "P" => ApplicantRole.Principal,
        "S" => ApplicantRole.Spouse,
        "C" => ApplicantRole.Child,
        _ => throw new InvalidDataException($"unknown applicant role '{code}'"),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static VisaCategory ParseCategory(string code) => Enum.Parse<VisaCategory>(code, ignoreCase: false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SystemSource ParseSystemSource(string code) => Enum.Parse<SystemSource>(code, ignoreCase: false);

    /// <summary>The spec's dimension names: <c>group</c>, <c>visaClass</c>, <c>systemSource</c>...</summary>
    public static string Dimension(MixDimension dimension)
    {
        var name = dimension.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static MixDimension ParseDimension(string code) => Enum.Parse<MixDimension>(code, ignoreCase: true);

    public static string Kind(MixRuleKind kind) => kind == MixRuleKind.Max ? "max" : "target";

    public static MixRuleKind ParseKind(string code) => code == "max" ? MixRuleKind.Max : MixRuleKind.Target;

    public static string Weekend(IEnumerable<IsoDayOfWeek> days) => string.Join(",", days.Order().Select(d => d.ToString()));

    public static HashSet<IsoDayOfWeek> ParseWeekend(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => Enum.Parse<IsoDayOfWeek>(d)).ToHashSet();

    public static string List(IEnumerable<string> items) => string.Join(",", items);

    public static IReadOnlyList<string> ParseList(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string Cell(FinalActionDate cell) => cell.ToString();

    public static FinalActionDate ParseCell(string text) => text switch
    {
        "C" => FinalActionDate.Current,
        "U" => FinalActionDate.Unavailable,
        _ => FinalActionDate.Before(SqlText.ParseDate(text)),
    };

    public static DateTimeZone Zone(string id) =>
        id == DateTimeZone.Utc.Id ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new InvalidDataException($"unknown time zone '{id}'");
}

namespace Scheduler.Sampling.Reference;

/// <summary>The interview language of applicants who are not nationals of the post's country:
/// residents of suspended-operations countries routed to a designated post, and third-country
/// nationals. Anyone not listed is interviewed in English.</summary>
internal static class CountryLanguages
{
    private static readonly Dictionary<string, string> Languages = new(StringComparer.Ordinal)
    {
        ["AF"] = "ps", ["BY"] = "ru", ["ER"] = "ti", ["HT"] = "ht", ["IR"] = "fa", ["KP"] = "ko", ["LY"] = "ar",
        ["RU"] = "ru", ["SD"] = "ar", ["SO"] = "so", ["SS"] = "en", ["SY"] = "ar", ["UA"] = "uk", ["VE"] = "es",
        ["YE"] = "ar", ["BD"] = "bn", ["CN"] = "zh", ["EG"] = "ar", ["IN"] = "hi", ["JO"] = "ar", ["LB"] = "ar",
        ["LK"] = "si", ["MA"] = "ar", ["MX"] = "es", ["MY"] = "ms", ["NP"] = "ne", ["PH"] = "tl", ["PK"] = "ur",
        ["TR"] = "tr",
    };

    public static string Of(string country) => Languages.GetValueOrDefault(country, "en");
}

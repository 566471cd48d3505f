namespace Scheduler.Sampling.Reference;

/// <summary>The Visa Bulletin's columns: All Chargeability Areas and the oversubscribed states it lists
/// on their own (China-mainland born, India, Mexico, the Philippines).</summary>
internal static class ChargeabilityArea
{
    public const int Count = 5;

    /// <summary>The column codes, as written in bulletin.csv and numbers.csv.</summary>
    public static readonly string[] Codes = ["ALL", "CN", "IN", "MX", "PH"];

    /// <summary>The column a case charged to <paramref name="country"/> falls in.</summary>
    public static int Of(string country) => country switch
    {
        "CN" => 1,
        "IN" => 2,
        "MX" => 3,
        "PH" => 4,
        _ => 0,
    };
}

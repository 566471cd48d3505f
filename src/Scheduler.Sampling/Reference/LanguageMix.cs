namespace Scheduler.Sampling.Reference;

/// <summary>Interview languages (ISO 639-1) and their weights.</summary>
internal sealed record LanguageMix(string[] Codes, double[] Weights)
{
    public static LanguageMix Single(string code) => new([code], [1.0]);

    /// <summary>The language most interviews are held in.</summary>
    public string Main => Codes[Array.IndexOf(Weights, Weights.Max())];

    /// <summary>The share of <paramref name="code"/> in the mix, 0 when absent.</summary>
    public double ShareOf(string code)
    {
        var index = Array.IndexOf(Codes, code);
        return index < 0 ? 0 : Weights[index] / Weights.Sum();
    }
}

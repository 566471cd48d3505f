namespace Scheduler.Sampling.Randomness;

/// <summary>SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator whose sequence for a
/// seed is the same on every machine and runtime, which <see cref="System.Random"/> does not promise.
/// A class, not a struct, so that a copy can never silently replay the same numbers.</summary>
internal sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>An independent generator for one part of a sample, so that drawing more numbers for
    /// posts.json never shifts the cases, and the reverse.</summary>
    public static SplitMix64 For(int seed, SampleProfile profile, RandomStream stream)
    {
        var mixer = new SplitMix64(unchecked((ulong)seed * Golden ^ ((ulong)profile << 32) ^ (ulong)stream));
        return new SplitMix64(mixer.NextUInt64());
    }

    public ulong NextUInt64()
    {
        var z = _state += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-shift: no modulo bias worth mentioning and no division.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>A double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>The number of successes in <paramref name="trials"/> draws of <paramref name="probability"/>.</summary>
    public int Binomial(int trials, double probability)
    {
        var successes = 0;
        for (var i = 0; i < trials; i++)
        {
            successes += Chance(probability) ? 1 : 0;
        }
        return successes;
    }

    /// <summary>An index drawn in proportion to <paramref name="weights"/> (none negative, not all zero).</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}

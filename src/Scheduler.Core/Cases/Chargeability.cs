namespace Scheduler.Core.Cases;

/// <summary>The foreign state a visa number is charged to (INA 202(b)): an ISO 3166-1 alpha-2 code,
/// or <c>ALL</c> for the bulletin's "All Chargeability Areas" and the rest of the world's pools.
/// Normalised once, to upper case, so <c>ph</c> and <c>PH</c> are the same state everywhere.</summary>
public readonly record struct Chargeability : IComparable<Chargeability>
{
    private readonly string? _code;

    /// <summary>The chargeability <paramref name="code"/> (upper-cased).</summary>
    public Chargeability(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        _code = code.ToUpperInvariant();
    }

    /// <summary>"All Chargeability Areas": the bulletin's default column and the world's pools.</summary>
    public static Chargeability All { get; } = new("ALL");

    /// <summary>The upper-case code.</summary>
    public string Code => _code ?? "";

    /// <summary>True for <see cref="All"/>.</summary>
    public bool IsAll => Code == "ALL";

    /// <summary>The chargeability <paramref name="code"/> (upper-cased).</summary>
    public static implicit operator Chargeability(string code) => new(code);

    /// <inheritdoc/>
    public int CompareTo(Chargeability other) => string.CompareOrdinal(Code, other.Code);

    /// <inheritdoc/>
    public override string ToString() => Code;
}

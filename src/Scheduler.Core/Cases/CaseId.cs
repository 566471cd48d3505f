namespace Scheduler.Core.Cases;

/// <summary>A case's id, as NVC's case system gives it: compared exactly (ordinal, case-sensitive).</summary>
public readonly record struct CaseId : IComparable<CaseId>
{
    private readonly string? _value;

    /// <summary>The id <paramref name="value"/>.</summary>
    public CaseId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The id's text.</summary>
    public string Value => _value ?? "";

    /// <summary>The id <paramref name="value"/>.</summary>
    public static implicit operator CaseId(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(CaseId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

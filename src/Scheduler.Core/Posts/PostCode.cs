namespace Scheduler.Core.Posts;

/// <summary>An immigrant-visa post's code, e.g. <c>MNL</c>. Post codes are compared
/// case-insensitively everywhere, so the code is normalised once, to upper case.</summary>
public readonly record struct PostCode : IComparable<PostCode>
{
    private readonly string? _code;

    /// <summary>The post code <paramref name="code"/> (upper-cased).</summary>
    public PostCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        _code = code.ToUpperInvariant();
    }

    /// <summary>The upper-case code.</summary>
    public string Value => _code ?? "";

    /// <summary>The post code <paramref name="code"/> (upper-cased).</summary>
    public static implicit operator PostCode(string code) => new(code);

    /// <summary>The post code <paramref name="code"/>, or null when none is given.</summary>
    public static PostCode? OrNull(string? code) => code is null ? (PostCode?)null : new PostCode(code);

    /// <inheritdoc/>
    public int CompareTo(PostCode other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

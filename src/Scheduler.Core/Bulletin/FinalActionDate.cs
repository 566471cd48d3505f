using NodaTime;

namespace Scheduler.Core.Bulletin;

/// <summary>One Visa Bulletin cell: a cutoff date, <c>C</c> (current) or <c>U</c> (unavailable).</summary>
public readonly record struct FinalActionDate
{
    private FinalActionDate(FinalActionKind kind, LocalDate cutoff)
    {
        Kind = kind;
        Cutoff = cutoff;
    }

    /// <summary>Which of the three forms this cell has.</summary>
    public FinalActionKind Kind { get; }

    /// <summary>The cutoff; meaningful only when <see cref="Kind"/> is <see cref="FinalActionKind.Date"/>.</summary>
    public LocalDate Cutoff { get; }

    /// <summary>All priority dates qualify.</summary>
    public static FinalActionDate Current { get; } = new(FinalActionKind.Current, default);

    /// <summary>No priority date qualifies.</summary>
    public static FinalActionDate Unavailable { get; } = new(FinalActionKind.Unavailable, default);

    /// <summary>Priority dates strictly earlier than <paramref name="cutoff"/> qualify.</summary>
    public static FinalActionDate Before(LocalDate cutoff) => new(FinalActionKind.Date, cutoff);

    /// <summary>True when a case with this priority date may be allocated a number: the cell is
    /// <c>C</c>, or a date strictly later than the priority date.</summary>
    public bool Admits(LocalDate priorityDate) => Kind switch
    {
        FinalActionKind.Current => true,
        FinalActionKind.Date => priorityDate < Cutoff,
        _ => false,
    };

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        FinalActionKind.Current => "C",
        FinalActionKind.Unavailable => "U",
        _ => Cutoff.ToString("yyyy-MM-dd", null),
    };
}

/// <summary>The form of a Visa Bulletin cell.</summary>
public enum FinalActionKind
{
    Date, Current, Unavailable,
}

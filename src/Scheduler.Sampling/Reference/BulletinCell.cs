using NodaTime;

namespace Scheduler.Sampling.Reference;

/// <summary>One Visa Bulletin cell: a cut-off date, <c>C</c> (current) or <c>U</c> (unavailable).</summary>
internal readonly record struct BulletinCell(string Text)
{
    public bool IsCurrent => Text == "C";

    public bool IsUnavailable => Text == "U";

    /// <summary>The cut-off date, when the cell holds one.</summary>
    public LocalDate? Date => IsCurrent || IsUnavailable ? null : Text.ToLocalDate();

    /// <summary>Whether a case with <paramref name="priorityDate"/> may be allocated a number: the
    /// priority date must be strictly earlier than the cut-off.</summary>
    public bool Admits(LocalDate priorityDate) => IsCurrent || (Date is { } cutoff && priorityDate < cutoff);
}

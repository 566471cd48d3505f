using NodaTime;

namespace Scheduler.Core.Scheduling;

/// <summary>The month's bookings at one post as they are being made: seats left per session,
/// applicants per mix rule and in all. Capacity only ever goes down, which lets first-fit keep
/// one forward-only pointer per family size.</summary>
internal sealed class PostBook
{
    private readonly PreparedPost _post;
    private readonly int[] _remaining;
    private readonly int[] _firstWithRoom;
    private readonly long[] _maxCounts;
    private readonly long[] _targetCounts;

    /// <summary>An empty book for the post.</summary>
    public PostBook(PreparedPost post)
    {
        _post = post;
        _remaining = new int[post.Sessions.Length];
        _firstWithRoom = new int[post.MaxSessionCapacity + 1];
        _maxCounts = new long[post.MaxRules.Length];
        _targetCounts = new long[post.TargetRules.Length];
        Reset();
    }

    /// <summary>Applicants booked in the month.</summary>
    public long Total { get; private set; }

    /// <summary>Seats left in session <paramref name="session"/>.</summary>
    public int Remaining(int session) => _remaining[session];

    /// <summary>Empties the book.</summary>
    public void Reset()
    {
        for (var s = 0; s < _remaining.Length; s++)
        {
            _remaining[s] = _post.Sessions[s].Capacity;
        }
        Array.Clear(_firstWithRoom);
        Array.Clear(_maxCounts);
        Array.Clear(_targetCounts);
        Total = 0;
    }

    /// <summary>The earliest session with room for <paramref name="size"/> applicants on or before
    /// <paramref name="latest"/>, or -1.</summary>
    public int FirstFit(int size, LocalDate latest)
    {
        if (size <= 0 || size >= _firstWithRoom.Length)
        {
            return -1;
        }
        var s = _firstWithRoom[size];
        while (s < _remaining.Length && _remaining[s] < size)
        {
            s++;
        }
        _firstWithRoom[size] = s;
        return s < _remaining.Length && _post.Sessions[s].Date <= latest ? s : -1;
    }

    /// <summary>True when adding <paramref name="size"/> applicants matching <paramref name="maxMask"/>
    /// keeps every <c>max</c> rule: count &lt;= max x total, in exact decimals.</summary>
    public bool KeepsMaxRules(ulong maxMask, int size)
    {
        var total = Total + size;
        for (var r = 0; maxMask != 0; r++, maxMask >>= 1)
        {
            if ((maxMask & 1) != 0 && _maxCounts[r] + size > _post.MaxRules[r].Share * total)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when replacing a booked case (<paramref name="removedSize"/> applicants matching
    /// <paramref name="removedMask"/>) by another keeps every <c>max</c> rule.</summary>
    public bool KeepsMaxRulesSwapping(ulong removedMask, int removedSize, ulong addedMask, int addedSize)
    {
        var total = Total - removedSize + addedSize;
        for (var r = 0; r < _maxCounts.Length; r++)
        {
            var count = _maxCounts[r] - (((removedMask >> r) & 1) != 0 ? removedSize : 0) + (((addedMask >> r) & 1) != 0 ? addedSize : 0);
            if (count > _post.MaxRules[r].Share * total)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The target deviation, sum of |count - target x total|, if <paramref name="size"/>
    /// applicants matching <paramref name="targetMask"/> were added.</summary>
    public decimal TargetDeviationWith(ulong targetMask, int size)
    {
        var total = Total + size;
        decimal deviation = 0;
        for (var r = 0; r < _targetCounts.Length; r++)
        {
            var count = _targetCounts[r] + (((targetMask >> r) & 1) != 0 ? size : 0);
            deviation += Math.Abs(count - _post.TargetRules[r].Share * total);
        }
        return deviation;
    }

    /// <summary>Books <paramref name="size"/> applicants into session <paramref name="session"/>.</summary>
    public void Book(int session, int size, ulong maxMask, ulong targetMask)
    {
        _remaining[session] -= size;
        Total += size;
        Count(_maxCounts, maxMask, size);
        Count(_targetCounts, targetMask, size);
    }

    /// <summary>Takes a booking back: <paramref name="size"/> applicants leave session <paramref name="session"/>.</summary>
    public void Unbook(int session, int size, ulong maxMask, ulong targetMask)
    {
        _remaining[session] += size;
        Total -= size;
        Count(_maxCounts, maxMask, -size);
        Count(_targetCounts, targetMask, -size);
        for (var s = 1; s < _firstWithRoom.Length && s <= _remaining[session]; s++)
        {
            _firstWithRoom[s] = Math.Min(_firstWithRoom[s], session);
        }
    }

    private static void Count(long[] counts, ulong mask, int size)
    {
        for (var r = 0; mask != 0; r++, mask >>= 1)
        {
            if ((mask & 1) != 0)
            {
                counts[r] += size;
            }
        }
    }
}

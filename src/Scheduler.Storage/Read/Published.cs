using System.Runtime.CompilerServices;

namespace Scheduler.Storage.Read;

/// <summary>A list one thread appends to while another reads what it has published so far: items are kept in chunks that
/// never move (no copy as it grows, and what a reader has seen stays where it is), and the count is written after the
/// item it counts, so a reader that sees the count sees the item. Up to 67 million items.</summary>
internal sealed class Published<T>
{
    private const int Shift = 12;
    private const int ChunkSize = 1 << Shift;
    private readonly T[]?[] _chunks = new T[]?[1 << 14];
    private int _count;

    /// <summary>The items published so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Item <paramref name="index"/>, one of the first <see cref="Count"/>.</summary>
    public ref readonly T this[int index] => ref _chunks[index >> Shift]![index & (ChunkSize - 1)];

    /// <summary>Appends <paramref name="item"/> (the writing thread only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(T item)
    {
        var count = _count;
        var chunk = count >> Shift;
        if (chunk == _chunks.Length)
            throw new InvalidOperationException($"more than {_chunks.Length * ChunkSize} rows in one read");
        (_chunks[chunk] ??= new T[ChunkSize])[count & (ChunkSize - 1)] = item;
        Volatile.Write(ref _count, count + 1);
    }
}

using System.Runtime;

namespace Scheduler.Storage.Read;

/// <summary>The runtime's collector held off while a snapshot's two large reads make their objects (a national month: some
/// 150 MB of cases and applicants, nearly all of which the batch keeps). Under the workstation collector's small first
/// generation they went through twenty-odd collections (and four full ones as the heap grew), each copying what the read
/// had kept so far: a quarter of a second of a read's pauses. Held, the read makes them without a pause, and pays for
/// one collection at its end that moves them out of the first generation at once (timed with the read, as its
/// collections were before). A process holds one at a time (a second read at once, in the API's process, reads as
/// before); a read that allocates more than the budget ends the hold itself (the runtime collects, and reading goes on
/// as before); a runtime that cannot give the budget (a hard memory limit) refuses it, and nothing changes. Under the
/// server collector (the hosted worker's), whose first generation is large already, nothing is held.</summary>
internal sealed class CollectorHold : IDisposable
{
    /// <summary>What a hold lets a read allocate: three national months.</summary>
    public const long Budget = 512L * 1024 * 1024;

    private static int _held;
    private bool _owner;

    private CollectorHold() { }

    /// <summary>Whether this hold began one (false when another read held it, under the server collector, or when the
    /// runtime refused the budget).</summary>
    public bool Began { get; private set; }

    /// <summary>Holds the collector off until <see cref="Dispose"/>, when no other read in the process holds it.</summary>
    public static CollectorHold Begin(long budget = Budget)
    {
        var hold = new CollectorHold();
        if (GCSettings.IsServerGC || Interlocked.Exchange(ref _held, 1) != 0)
            return hold;
        hold._owner = true;
        try
        {
            hold.Began = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(budget);
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than this runtime's limits allow: read as before.
        }
        catch (InvalidOperationException)
        {
            // A hold from outside the store began meanwhile.
        }
        return hold;
    }

    public void Dispose()
    {
        if (!_owner)
            return;
        _owner = false;
        if (Began)
        {
            try
            {
                GC.EndNoGCRegion();
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            }
            catch (InvalidOperationException)
            {
                // The budget ran out: the runtime has collected since, and nothing is held any more.
            }
        }
        Volatile.Write(ref _held, 0);
    }
}

using System.Runtime.InteropServices;

namespace Scheduler.Batches;

/// <summary>A token cancelled by the first SIGINT or SIGTERM, which prints <c>SIGNAL: stopping; WHAT</c>
/// (a second one ends the process): how the CLI's verbs and the worker's <c>run</c> stop.</summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignal(TextWriter error, string what) : this(error, what, "stopping; ")
    {
    }

    /// <summary>As above, the message being <c>SIGNAL: PREFIXWHAT</c>.</summary>
    public StopSignal(TextWriter error, string what, string prefix)
    {
        void Stop(PosixSignalContext context)
        {
            if (!_stop.IsCancellationRequested)
            {
                context.Cancel = true;
                error.WriteLine($"{context.Signal}: {prefix}{what} (again to quit now)");
                _stop.Cancel();
            }
        }
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}

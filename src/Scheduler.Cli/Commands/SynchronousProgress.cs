namespace Scheduler.Cli.Commands;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once, on the reporting thread
/// (<see cref="Progress{T}"/> posts to the thread pool, so reports could arrive out of order or late).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Scheduler.Batches;

namespace Scheduler.Api.Endpoints;

/// <summary>Starts a month's batch for the API and lets it run in the background: the caller gets the
/// batch's id as soon as it holds the month (202 Accepted, follow it at its URL), or at once the reason
/// it did not start. Batches still running when the server stops are stopped (nothing committed).</summary>
public sealed class BatchLauncher(BatchRunner runner, IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly CancellationTokenSource _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Started: the batch id (and <c>null</c> result). Not started: the result saying why.</summary>
    public async Task<(long? BatchId, BatchRunResult? Result)> StartAsync(BatchRunRequest request)
    {
        var started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(() => runner.RunAsync(request, null, id => started.TrySetResult(id), _stopping.Token));
        _running[run] = 0;
        _ = run.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        await Task.WhenAny(started.Task, run);
        // A batch that held the month set its id before it ran; a short one may also have finished by
        // the time this resumes (WhenAny may then name the run), and it was still accepted.
        if (started.Task.IsCompletedSuccessfully)
        {
            return (started.Task.Result, null);
        }
        // Ended before holding the month (already committed, run elsewhere, bad input) or failed.
        var result = await run;
        return (result.BatchId, result);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Cancel();
        Task.WaitAll([.. _running.Keys], TimeSpan.FromSeconds(30));
        _stopping.Dispose();
    }
}

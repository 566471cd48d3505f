using Microsoft.Extensions.Logging;
using Scheduler.Batches.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Batches.Tests;

/// <summary>A stop request during planning ends the batch 'stopped' with nothing written; the next run commits the
/// uninterrupted schedule.</summary>
public abstract class StopTests
{
    protected abstract BatchDatabaseKind Kind { get; }

    [SkippableFact]
    public async Task RunAsync_StoppedWhenTheFirstPostIsDone_ReturnsStopped_WritesNothing_AndTheRerunCommitsTheReferenceSchedule()
    {
        await using var source = await Kind.ImportAsync(SmallSample.Folder);
        var reference = await BatchChecks.ReferenceAsync(source);
        var connection = await source.FreshAsync();
        await using var store = SchedulerStore.Open(connection);
        using var stop = new CancellationTokenSource();

        var stopped = await BatchChecks.Runner(store, new StopOnFirstPost(stop)).RunAsync(SmallSample.Request(), stop.Token);

        Assert.True(stop.IsCancellationRequested);
        Assert.Equal(BatchRunStatus.Stopped, stopped.Status);
        var ledger = await store.ListBatchesAsync(SmallSample.Month);
        Assert.Equal(BatchStatus.Stopped, Assert.Single(ledger).Status);
        Assert.Equal(BatchChecks.Empty, await BatchChecks.CountAsync(store));
        Assert.Null(await store.ReadCommittedBatchAsync(SmallSample.Month));

        var rerun = await BatchChecks.Runner(store).RunAsync(SmallSample.Request());
        Assert.Equal(BatchRunStatus.Committed, rerun.Status);
        BatchChecks.AssertSameSchedule(reference.Schedule, (await store.ReadCommittedBatchAsync(SmallSample.Month))!.Schedule);
        Assert.Equal(BatchChecks.OneBatch(reference.Schedule), await BatchChecks.CountAsync(store));
        BatchChecks.AssertExportVerifies(connection);
    }

    /// <summary>Asks the batch to stop when the log says the first post is done.</summary>
    private sealed class StopOnFirstPost(CancellationTokenSource stop) : ILogger<BatchRunner>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains(" done (1/", StringComparison.Ordinal))
                stop.Cancel();
        }
    }
}

[Collection(BatchRunsCollection.Name)]
public sealed class SqliteStopTests : StopTests
{
    protected override BatchDatabaseKind Kind { get; } = new SqliteKind();
}

[Collection(BatchRunsCollection.Name)]
public sealed class PostgresStopTests : StopTests
{
    protected override BatchDatabaseKind Kind { get; } = new PostgresKind();
}

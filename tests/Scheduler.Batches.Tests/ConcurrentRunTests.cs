using Scheduler.Batches.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Batches.Tests;

/// <summary>Two workers on one database, one month, started at once: exactly one batch commits.</summary>
public abstract class ConcurrentRunTests
{
    protected abstract BatchDatabaseKind Kind { get; }

    [SkippableFact]
    public async Task RunAsync_TwoRunnersOnTwoStoresAtOnce_CommitExactlyOneBatch()
    {
        await using var source = await Kind.ImportAsync(SmallSample.Folder);
        for (var round = 0; round < 3; round++)
        {
            var connection = await source.FreshAsync();
            // Two stores, as two processes open the database.
            await using var first = SchedulerStore.Open(connection);
            await using var second = SchedulerStore.Open(connection);
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<BatchRunResult> Start(SchedulerStore store) => Task.Run(async () =>
            {
                await go.Task;
                return await BatchChecks.Runner(store).RunAsync(SmallSample.Request());
            });
            var runs = new[] { Start(first), Start(second) };
            go.SetResult();
            var results = await Task.WhenAll(runs);

            Assert.Single(results, r => r.Status == BatchRunStatus.Committed);
            Assert.Single(results, r => r.Status is BatchRunStatus.AlreadyRunning or BatchRunStatus.AlreadyCommitted);
            var ledger = await first.ListBatchesAsync(SmallSample.Month);
            Assert.Single(ledger, b => b.Status == BatchStatus.Committed);
            Assert.DoesNotContain(ledger, b => b.Status == BatchStatus.Running);
            var committed = await first.ReadCommittedBatchAsync(SmallSample.Month);
            Assert.Equal(BatchChecks.OneBatch(committed!.Schedule), await BatchChecks.CountAsync(first));
            Assert.Empty(await BatchChecks.DoubleNumbersAsync(first));
            BatchChecks.AssertExportVerifies(connection);
        }
    }

    [SkippableFact]
    public async Task Run_TwoProcessesAtOnce_CommitExactlyOneBatch()
    {
        await using var source = await Kind.ImportAsync(SmallSample.Folder);
        var connection = await source.FreshAsync();
        using var one = BatchChecks.StartRun(connection);
        using var two = BatchChecks.StartRun(connection);
        var outputs = await Task.WhenAll(
            one.StandardOutput.ReadToEndAsync(), one.StandardError.ReadToEndAsync(),
            two.StandardOutput.ReadToEndAsync(), two.StandardError.ReadToEndAsync());
        await one.WaitForExitAsync();
        await two.WaitForExitAsync();
        var said = string.Join('\n', outputs);

        Assert.True(new[] { 0, 1 }.SequenceEqual(new[] { one.ExitCode, two.ExitCode }.Order()), $"exit codes {one.ExitCode}, {two.ExitCode}\n{said}");
        var loser = one.ExitCode == 1 ? outputs[1] : outputs[3];
        Assert.True(loser.Contains("is being run by another worker", StringComparison.Ordinal)
            || loser.Contains("already has committed batch", StringComparison.Ordinal), said);
        await using var store = SchedulerStore.Open(connection);
        var ledger = await store.ListBatchesAsync(SmallSample.Month);
        Assert.Single(ledger, b => b.Status == BatchStatus.Committed);
        Assert.DoesNotContain(ledger, b => b.Status == BatchStatus.Running);
        var committed = await store.ReadCommittedBatchAsync(SmallSample.Month);
        Assert.Equal(BatchChecks.OneBatch(committed!.Schedule), await BatchChecks.CountAsync(store));
        Assert.Empty(await BatchChecks.DoubleNumbersAsync(store));
        BatchChecks.AssertExportVerifies(connection);
    }
}

[Collection(BatchRunsCollection.Name)]
public sealed class SqliteConcurrentRunTests : ConcurrentRunTests
{
    protected override BatchDatabaseKind Kind { get; } = new SqliteKind();
}

[Collection(BatchRunsCollection.Name)]
public sealed class PostgresConcurrentRunTests : ConcurrentRunTests
{
    protected override BatchDatabaseKind Kind { get; } = new PostgresKind();
}

using Scheduler.Batches.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Batches.Tests;

/// <summary>A reader while batches commit sees a month with no batch or a whole one, never part of one. The reads
/// made from inside each commit (just before its transaction commits) are certain to overlap it; the reader looping
/// beside the commits lands wherever it lands, and the assertions hold for any of its reads.</summary>
public abstract class SnapshotReaderTests
{
    private const int Commits = 8;

    protected abstract BatchDatabaseKind Kind { get; }

    [SkippableFact]
    public async Task ReadCommittedBatchAsync_WhileBatchesCommit_SeesNothingOrAWholeBatch()
    {
        await using var source = await Kind.ImportAsync(SmallSample.Folder);
        var reference = await BatchChecks.ReferenceAsync(source);
        var schedule = reference.Schedule;
        var figures = reference.Batch.Figures!;
        var outcome = new BatchOutcome(schedule, reference.Batch.InputHash!, reference.InputFiles, reference.SummaryJson, reference.NumbersCsv, figures);
        var connection = await source.FreshAsync();
        await using var writer = SchedulerStore.Open(connection);
        await using var reader = SchedulerStore.Open(connection);
        var asOf = (await writer.MonthAsOfAsync(SmallSample.Month))!.Value;

        var reads = 0;
        var insideReads = 0;
        async Task ReadOnce()
        {
            var counts = await BatchChecks.CountAsync(reader);
            // k batches kept (one live, the rest superseded): exactly k whole batches of rows, one batch of live numbers.
            Assert.Equal(counts.Batches > 0 ? 1 : 0, counts.Committed);
            Assert.Equal(counts.Batches * schedule.Appointments.Count, counts.Appointments);
            Assert.Equal(counts.Batches * schedule.Allocations.Count, counts.Allocations);
            Assert.Equal(counts.Committed * schedule.Allocations.Count, counts.LiveAllocations);
            Assert.Equal(counts.Batches * schedule.Unscheduled.Count, counts.Unscheduled);
            if (await reader.ReadCommittedBatchAsync(SmallSample.Month) is { } seen)
                BatchChecks.AssertSameSchedule(schedule, seen.Schedule);
            Interlocked.Increment(ref reads);
        }

        var committedSoFar = 0;
        writer.BeforeBatchCommit = async () =>
        {
            // Inside the commit transaction: from outside, the month is still as the previous commit left it.
            var counts = await BatchChecks.CountAsync(reader);
            Assert.Equal(committedSoFar, counts.Batches);
            await ReadOnce();
            insideReads++;
        };
        var done = false;
        var looping = Task.Run(async () =>
        {
            do
            {
                await ReadOnce();
            }
            while (!Volatile.Read(ref done));
        });
        try
        {
            for (var i = 0; i < Commits; i++)
            {
                var lease = await writer.TryBeginBatchAsync(new BatchRequest(SmallSample.Month, asOf, 1, "cpsat", 2, Force: true, "test"));
                Assert.NotNull(lease);
                await writer.CommitBatchAsync(lease, outcome);
                committedSoFar++;
            }
        }
        finally
        {
            Volatile.Write(ref done, true);
            await looping;
        }

        Assert.Equal(Commits, insideReads);
        Assert.True(reads > Commits);
        var final = await BatchChecks.CountAsync(reader);
        Assert.Equal(Commits, final.Batches);
        Assert.Empty(await BatchChecks.DoubleNumbersAsync(reader));
    }
}

[Collection(BatchRunsCollection.Name)]
public sealed class SqliteSnapshotReaderTests : SnapshotReaderTests
{
    protected override BatchDatabaseKind Kind { get; } = new SqliteKind();
}

[Collection(BatchRunsCollection.Name)]
public sealed class PostgresSnapshotReaderTests : SnapshotReaderTests
{
    protected override BatchDatabaseKind Kind { get; } = new PostgresKind();
}

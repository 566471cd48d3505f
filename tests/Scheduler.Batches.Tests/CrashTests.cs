using System.Diagnostics;
using System.Runtime.InteropServices;
using Scheduler.Batches.Tests.Support;
using Scheduler.Storage;
using Xunit.Abstractions;

namespace Scheduler.Batches.Tests;

/// <summary>A <c>run</c> process killed with SIGKILL at 20 seeded random moments (while reading, solving or committing)
/// leaves the database with the whole batch or none of it, and the next run gives the uninterrupted run's schedule.
/// Every assertion holds wherever the kill lands; where they landed is only printed. A quarter of the kills are
/// certain to land inside the commit transaction, every row written: the process holds there until killed
/// (<c>SCHEDULER_TEST_HOLD_IN_COMMIT</c>), and then nothing may remain.</summary>
public abstract class CrashTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int Kills = 20;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    protected abstract BatchDatabaseKind Kind { get; }

    [SkippableFact]
    public async Task Run_KilledAtRandomMoments_LeavesAllOrNothing_AndTheRerunCommitsTheReferenceSchedule()
    {
        await using var source = await Kind.ImportAsync(SmallSample.Folder);
        var reference = await BatchChecks.ReferenceAsync(source);
        var whole = BatchChecks.OneBatch(reference.Schedule);
        var random = new Random(20261203);
        int beforeCommit = 0, afterCommit = 0, exitedFirst = 0;

        for (var i = 0; i < Kills; i++)
        {
            var connection = await source.FreshAsync();
            var (moment, killed) = await KillRunAsync(connection, i % 4, random);
            await using var store = SchedulerStore.Open(connection);

            // All or nothing.
            var ledger = await store.ListBatchesAsync(SmallSample.Month);
            var committed = ledger.Where(b => b.Status == BatchStatus.Committed).ToList();
            Assert.True(committed.Count <= 1, $"{moment}: {committed.Count} committed batches");
            var counts = await BatchChecks.CountAsync(store);
            if (committed.Count == 1)
            {
                afterCommit++;
                Assert.Equal(whole, counts);
                BatchChecks.AssertSameSchedule(reference.Schedule, (await store.ReadCommittedBatchAsync(SmallSample.Month))!.Schedule);
            }
            else
            {
                beforeCommit++;
                Assert.True(BatchChecks.Empty == counts, $"{moment}: nothing committed but {counts}");
            }
            if (i % 4 == 3)
            {
                // Killed inside the commit transaction, every row written: none of them remains.
                Assert.True(killed, moment);
                Assert.Empty(committed);
            }
            Assert.Empty(await BatchChecks.DoubleNumbersAsync(store));
            if (!killed)
                exitedFirst++;
            var running = ledger.Where(b => b.Status == BatchStatus.Running).Select(b => b.Id).ToList();

            // The re-run commits (or finds committed) the uninterrupted run's schedule.
            var rerun = await BatchChecks.RunWhenFreeAsync(store);
            Assert.Equal(committed.Count == 1 ? BatchRunStatus.AlreadyCommitted : BatchRunStatus.Committed, rerun.Status);
            var after = await store.ListBatchesAsync(SmallSample.Month);
            Assert.Single(after, b => b.Status == BatchStatus.Committed);
            Assert.DoesNotContain(after, b => b.Status == BatchStatus.Running);
            foreach (var id in running)
                Assert.Equal(BatchStatus.Abandoned, after.Single(b => b.Id == id).Status);
            Assert.Equal(whole, await BatchChecks.CountAsync(store));
            Assert.Empty(await BatchChecks.DoubleNumbersAsync(store));
            BatchChecks.AssertSameSchedule(reference.Schedule, (await store.ReadCommittedBatchAsync(SmallSample.Month))!.Schedule);
            BatchChecks.AssertExportVerifies(connection);
            output.WriteLine($"kill {i + 1,2}: {moment}: {(committed.Count == 1 ? "after commit" : "before commit")}, {running.Count} running row(s) left");
        }

        output.WriteLine($"{Kind}: {beforeCommit} kills landed before the commit, {afterCommit} after it ({exitedFirst} of those found the process already ended)");
    }

    /// <summary>Starts <c>run</c> and kills it: kind 0 a random delay after the start; 1 right after a random progress line;
    /// 2 a small random delay after the last post's line (the commit); 3 inside the commit transaction, where the process
    /// holds once every row is written. Returns when and whether the kill was delivered.</summary>
    private static async Task<(string Moment, bool Killed)> KillRunAsync(string connection, int kind, Random random)
    {
        // Drawn up front, so the moments depend on the seed only.
        var delay = random.Next(0, 2500);
        var line = random.Next(0, 12);
        var extra = random.Next(0, 400);
        var (moment, trigger, wait) = kind switch
        {
            0 => ($"{delay} ms after the start", (Func<string, bool>?)null, delay),
            1 => line switch
            {
                0 => ("after the snapshot line", l => l.Contains(" read month ", StringComparison.Ordinal), 0),
                1 => ("after the first-fit line", l => l.Contains("first fit done", StringComparison.Ordinal), 0),
                _ => ($"after post line {line - 1}/10", l => l.Contains($"done ({line - 1}/", StringComparison.Ordinal), 0),
            },
            2 => ($"{extra} ms after the last post line", l => l.Contains("done (10/10)", StringComparison.Ordinal), extra),
            _ => ("inside the commit transaction", l => l.Contains("holding inside the commit transaction", StringComparison.Ordinal), 0),
        };

        using var process = BatchChecks.StartRun(connection, holdInCommit: kind == 3);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (trigger is null)
            seen.TrySetResult();
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } text)
            {
                if (trigger is not null && trigger(text))
                    seen.TrySetResult();
            }
            seen.TrySetResult();
        });
        await seen.Task;
        if (wait > 0)
            await Task.Delay(wait);
        var killed = !process.HasExited && Kill(process.Id, SigKill) == 0;
        await process.WaitForExitAsync();
        await stderr;
        await stdout;
        if (!killed)
            moment += $" (the process had ended, exit {process.ExitCode})";
        return (moment, killed);
    }
}

[Collection(BatchRunsCollection.Name)]
public sealed class SqliteCrashTests(ITestOutputHelper output) : CrashTests(output)
{
    protected override BatchDatabaseKind Kind { get; } = new SqliteKind();
}

[Collection(BatchRunsCollection.Name)]
public sealed class PostgresCrashTests(ITestOutputHelper output) : CrashTests(output)
{
    protected override BatchDatabaseKind Kind { get; } = new PostgresKind();
}

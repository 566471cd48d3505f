using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Batches;
using Scheduler.Planning;
using Scheduler.Storage;

namespace Scheduler.Worker;

/// <summary>Runs each month's batch when it is due (<see cref="BatchCalendar"/>): on start (catching
/// up a run missed while it was down) and then every <see cref="WorkerOptions.PollInterval"/>. A month
/// with a committed batch is never run again; a stop request ends a running batch within seconds,
/// committing nothing, and the next start runs it again.</summary>
public sealed partial class MonthlyBatchWorker(
    SchedulerStore store, BatchRunner runner, IOptions<WorkerOptions> options, TimeProvider time, ILogger<MonthlyBatchWorker> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarted(store.Kind.ToString(), settings.RunDay, settings.TimeZone);
        var migrated = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!migrated)
                {
                    await store.MigrateAsync(stoppingToken);
                    migrated = true;
                }
                await RunDueAsync(settings, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database went away (dropped, restarted, unreachable): the worker lives on and looks again.
                LogCheckFailed(StoreOpening.Cause(e), settings.PollInterval);
            }
            try
            {
                await Task.Delay(settings.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Runs every month due today, earliest first; returns how many were committed.</summary>
    public async Task<int> RunDueAsync(WorkerOptions settings, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(settings.Zone()).Date;
        var imported = await store.MonthRunDatesAsync(stoppingToken);
        var committed = (await store.ListBatchesAsync(null, stoppingToken))
            .Where(b => b.Status == BatchStatus.Committed).Select(b => b.Month).ToHashSet();
        var withBulletin = (await store.BulletinMonthsAsync(stoppingToken)).ToHashSet();
        var done = 0;
        foreach (var (month, asOf) in BatchCalendar.Due(today, settings.RunDay, imported, committed, withBulletin))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            try
            {
                var result = await runner.RunAsync(new BatchRunRequest(month, settings.ToPlanOptions(), asOf), HoldSearch(stoppingToken), stoppingToken);
                LogResult(month.ToString("yyyy-MM", null), result.Status.ToString(), result.BatchId);
                done += result.Status == BatchRunStatus.Committed ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Recorded in the ledger by the runner; tried again at the next poll.
                LogRunFailed(e, month.ToString("yyyy-MM", null));
            }
        }
        return done;
    }

    /// <summary>Set to 1 by a test: after a batch's first solved post, the worker waits for the stop
    /// request before going on, so the request always finds the batch planning.</summary>
    public const string HoldSearchVariable = "SCHEDULER_TEST_HOLD_SEARCH";

    private static IProgress<PlanProgress>? HoldSearch(CancellationToken stopping) =>
        Environment.GetEnvironmentVariable(HoldSearchVariable) != "1" ? null : new Hold(stopping);

    private sealed class Hold(CancellationToken stopping) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value)
        {
            if (value is { Stage: PlanStage.PostHandled, Searched: true })
            {
                // The token is marked cancelled before its wait handle is set: once released, the
                // search sees the stop and solves no further post.
                stopping.WaitHandle.WaitOne();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker started on {Database}: months run on day {RunDay} of the month before ({TimeZone})")]
    private partial void LogStarted(string database, int runDay, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Month {Month}: {Status} (batch {BatchId})")]
    private partial void LogResult(string month, string status, long? batchId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The check for due months failed: {Cause}; trying again in {PollInterval}")]
    private partial void LogCheckFailed(string cause, TimeSpan pollInterval);

    [LoggerMessage(Level = LogLevel.Error, Message = "Month {Month}: the batch failed; it will be tried again")]
    private partial void LogRunFailed(Exception error, string month);
}

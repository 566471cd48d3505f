using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Core.Scenarios;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;
using Scheduler.Files.Output;
using Scheduler.Planning;
using Scheduler.Storage;

namespace Scheduler.Batches;

/// <summary>Runs one month's batch against the store: takes the month (one worker at a time), reads
/// one consistent snapshot, checks it exactly as a scenario folder is checked, plans it with
/// <see cref="MonthlyPlanner"/>, and commits every row and the ledger entry in one transaction. A batch
/// that fails or is stopped leaves only its ledger line; one killed leaves a running line that the
/// next run of the month marks abandoned. The CLI's <c>run</c> and <c>demo</c> and the hosted worker
/// all come here.</summary>
public sealed partial class BatchRunner(SchedulerStore store, MonthlyPlanner planner, TimeProvider time, ILogger<BatchRunner>? logger = null)
{
    private readonly ILogger _log = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>The engine's version, recorded with every batch.</summary>
    public static string EngineVersion => MonthlyPlanner.EngineVersion;

    /// <summary>Runs the batch. A stop request (<paramref name="cancellationToken"/>) ends it within
    /// seconds, committing nothing.</summary>
    public Task<BatchRunResult> RunAsync(BatchRunRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, null, null, cancellationToken);

    /// <summary>Runs the batch, telling <paramref name="progress"/> of the plan's progress too (on the
    /// thread that did the work, after the log line).</summary>
    public Task<BatchRunResult> RunAsync(BatchRunRequest request, IProgress<PlanProgress>? progress, CancellationToken cancellationToken = default) =>
        RunAsync(request, progress, null, cancellationToken);

    /// <summary>Runs the batch; <paramref name="started"/> is told the batch's id as soon as it holds
    /// the month and its ledger line exists (a caller can then answer "accepted, follow it here").</summary>
    public async Task<BatchRunResult> RunAsync(BatchRunRequest request, IProgress<PlanProgress>? progress, Action<long>? started, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Validate();
        var month = Values.Format(request.Month);
        if (!request.Force && await CommittedAsync(request.Month, cancellationToken) is { } existing)
        {
            LogAlreadyCommitted(month, existing.Id);
            return new BatchRunResult(BatchRunStatus.AlreadyCommitted, existing.Id, null, []);
        }
        if ((request.AsOf ?? await store.MonthAsOfAsync(request.Month, cancellationToken)) is not { } asOf)
        {
            return new BatchRunResult(BatchRunStatus.BadInput, null, null, [$"month {month}: no settings in the database (import a scenario for it, or give --as-of)"]);
        }
        if (await WhyNotRunAsync(request, asOf, cancellationToken) is { } refused)
        {
            // Told to the caller only, as a month with no settings is: nothing was started.
            return new BatchRunResult(BatchRunStatus.BadInput, null, null, [refused]);
        }
        await using var lease = await store.TryBeginBatchAsync(
            new BatchRequest(request.Month, asOf, request.Options.Seed, request.Options.Solver.Code(), request.Options.Workers, request.Force, EngineVersion),
            cancellationToken);
        if (lease is null)
        {
            LogAlreadyRunning(month);
            return new BatchRunResult(BatchRunStatus.AlreadyRunning, null, null, []);
        }
        using var scope = _log.BeginScope("batch {BatchId} month {Month}", lease.BatchId, month);
        started?.Invoke(lease.BatchId);
        try
        {
            return await RunLeasedAsync(request, lease, month, asOf, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(lease.BatchId, month);
            await store.EndBatchAsync(lease, BatchStatus.Stopped, "stopped before commit; nothing was written", CancellationToken.None);
            return new BatchRunResult(BatchRunStatus.Stopped, lease.BatchId, null, []);
        }
        catch (Exception e)
        {
            LogFailed(e, lease.BatchId, month);
            await store.EndBatchAsync(lease, BatchStatus.Failed, $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
            throw;
        }
    }

    private async Task<BatchRunResult> RunLeasedAsync(BatchRunRequest request, BatchLease lease, string month, NodaTime.LocalDate asOf,
        IProgress<PlanProgress>? observer, CancellationToken cancellationToken)
    {
        // Checked again with the month held: another worker may have committed it between the first look and the lease.
        if (!request.Force && await CommittedAsync(request.Month, cancellationToken) is { } committed)
        {
            LogAlreadyCommitted(month, committed.Id);
            await store.EndBatchAsync(lease, BatchStatus.Refused, $"month already has committed batch {committed.Id}; not run", CancellationToken.None);
            return new BatchRunResult(BatchRunStatus.AlreadyCommitted, committed.Id, null, []);
        }
        // And again with the month held: a later month may have been committed since the first look.
        if (await WhyNotRunAsync(request, asOf, cancellationToken) is { } refused)
        {
            LogRefused(month, refused);
            await store.EndBatchAsync(lease, BatchStatus.Refused, refused, CancellationToken.None);
            return new BatchRunResult(BatchRunStatus.BadInput, lease.BatchId, null, [refused]);
        }
        var started = time.GetTimestamp();
        // The snapshot is read with the month held, so it is the one the batch commits against.
        var inputs = await store.ReadMonthAsync(request.Month, asOf, cancellationToken)
            ?? throw new InvalidOperationException($"month {month} vanished from the database");
        var readMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogSnapshot(lease.BatchId, month, inputs.Cases.Count, inputs.Posts.Count, readMs);
        if (inputs.Posts.Count == 0 || inputs.Cases.Count == 0)
        {
            // An empty batch would lock the month with nothing planned: the month's data is not in.
            var missing = $"month {month}: no {(inputs.Posts.Count == 0 ? "posts" : "cases waiting")} in the database (import the month's scenario first)";
            LogBadInput(lease.BatchId, month, 1, missing);
            await store.EndBatchAsync(lease, BatchStatus.Failed, $"bad input: {missing}", CancellationToken.None);
            return new BatchRunResult(BatchRunStatus.BadInput, lease.BatchId, null, [missing]);
        }
        var assembly = ScenarioAssembler.Assemble(inputs);
        if (assembly.Scenario is not { } scenario)
        {
            var problems = assembly.Problems.Select(p => ScenarioProblems.Describe(inputs, p)).ToList();
            LogBadInput(lease.BatchId, month, problems.Count, problems.FirstOrDefault() ?? "");
            await store.EndBatchAsync(lease, BatchStatus.Failed, $"bad input: {string.Join("; ", problems.Take(10))}", CancellationToken.None);
            return new BatchRunResult(BatchRunStatus.BadInput, lease.BatchId, null, problems);
        }
        var (hash, zip) = ScenarioPackage.Pack(inputs);
        // Written while the batch plans (see StageInputFilesAsync), so the commit need not.
        await store.StageInputFilesAsync(lease, zip, cancellationToken);
        var progress = new LogProgress(this, lease.BatchId, observer);
        // The plan's searches are kept with the batch: a what-if of the month takes them rather than search the baseline again.
        var searches = new PlanCache();
        var plan = planner.WithCache(searches).Plan(scenario, request.Options, progress, cancellationToken);
        // A search cut short by a stop request is not what a re-run would give: commit nothing.
        cancellationToken.ThrowIfCancellationRequested();
        var o = plan.Figures.Overall;
        var summary = ScheduleWriter.SummaryJson(plan.Figures, PlanRunInfo.For(plan, (long)plan.Elapsed.TotalMilliseconds, hash));
        var numbers = scenario.Derivation is { } derived ? ScheduleWriter.NumbersCsv(derived.Limits) : null;
        var figures = new BatchFigures(checked((int)o.ScheduledCases), checked((int)o.ScheduledApplicants), checked((int)o.Capacity), checked((int)o.FifoInversions),
            plan.Solver?.Status.Code(), plan.Solver?.Gap, (long)plan.Elapsed.TotalMilliseconds);
        var committing = time.GetTimestamp();
        await store.CommitBatchAsync(lease, new BatchOutcome(plan.Schedule, hash, zip, summary, numbers, figures, inputs.Posts,
            searches.Answers(plan.SearchKeys).Select(k => new BatchSearch(k.Fingerprint, k.Answer)).ToList()), CancellationToken.None);
        LogCommitted(lease.BatchId, month, o.ScheduledCases, o.ScheduledApplicants, o.Capacity, (long)plan.Elapsed.TotalMilliseconds,
            readMs, (long)time.GetElapsedTime(committing).TotalMilliseconds);
        return new BatchRunResult(BatchRunStatus.Committed, lease.BatchId, plan, []);
    }

    /// <summary>Why the month must not be run now, or null: its Visa Bulletin is not in (every limited case
    /// would be not current), the run date is after the month's end (no session left to fill), or, re-planning
    /// a committed month (<c>Force</c>), a later month has a committed batch planned without the cases this
    /// month's batch seated (superseding it would leave them seated nowhere).</summary>
    public async Task<string?> WhyNotRunAsync(BatchRunRequest request, NodaTime.LocalDate asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var month = Values.Format(request.Month);
        if (RunDate.IsAfter(request.Month, asOf))
        {
            return $"month {month}: as of {Values.Format(asOf)} is after the month's end; nothing is left to plan";
        }
        if (!(await store.BulletinMonthsAsync(cancellationToken)).Contains(request.Month))
        {
            return $"month {month}: no Visa Bulletin for the month in the database (db import a scenario of the month, or upload its bulletin through the API, first)";
        }
        if (request.Force && await CommittedAsync(request.Month, cancellationToken) is not null)
        {
            var later = (await store.ListBatchesAsync(null, cancellationToken))
                .Where(b => b.Status == BatchStatus.Committed && b.Month > request.Month).OrderBy(b => b.Month).ToList();
            if (later.Count > 0)
            {
                return $"month {month}: later month{(later.Count > 1 ? "s" : "")} " +
                    string.Join(", ", later.Select(b => $"{Values.Format(b.Month)} (batch {b.Id})")) +
                    " committed after this month's batch and planned without the cases it seated; re-planning it would leave them seated nowhere";
            }
        }
        return null;
    }

    /// <summary>The month's live batch in the ledger, if any.</summary>
    public async Task<BatchRecord?> CommittedAsync(NodaTime.YearMonth month, CancellationToken cancellationToken = default) =>
        (await store.ListBatchesAsync(month, cancellationToken)).FirstOrDefault(b => b.Status == BatchStatus.Committed);

    private sealed class LogProgress(BatchRunner runner, long batchId, IProgress<PlanProgress>? observer) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value)
        {
            switch (value.Stage)
            {
                case PlanStage.FirstFitDone:
                    runner.LogFirstFit(batchId, value.PostsTotal);
                    break;
                case PlanStage.PostHandled:
                    runner.LogPost(batchId, value.Post ?? "", value.PostsDone, value.PostsTotal, value.Searched, value.Status ?? "-");
                    break;
            }
            observer?.Report(value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Month {Month} already has committed batch {BatchId}; nothing to do")]
    private partial void LogAlreadyCommitted(string month, long batchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Month {Month} not run: {Reason}")]
    private partial void LogRefused(string month, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Month {Month} is being run by another worker; not started")]
    private partial void LogAlreadyRunning(string month);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} read month {Month}: {Cases} cases, {Posts} posts in {ReadMs} ms")]
    private partial void LogSnapshot(long batchId, string month, int cases, int posts, long readMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} month {Month}: {Count} input problems, first: {First}")]
    private partial void LogBadInput(long batchId, string month, int count, string first);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId}: first fit done, {Posts} posts to handle")]
    private partial void LogFirstFit(long batchId, int posts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId}: post {Post} done ({Done}/{Total}), searched {Searched}, {Status}")]
    private partial void LogPost(long batchId, string post, int done, int total, bool searched, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} committed month {Month}: {Cases} cases, {Applicants} of {Capacity} seats; plan {PlanMs} ms, read {ReadMs} ms, commit {CommitMs} ms")]
    private partial void LogCommitted(long batchId, string month, long cases, long applicants, long capacity, long planMs, long readMs, long commitMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} month {Month} stopped before commit; nothing written")]
    private partial void LogStopped(long batchId, string month);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} month {Month} failed; nothing written")]
    private partial void LogFailed(Exception error, long batchId, string month);
}

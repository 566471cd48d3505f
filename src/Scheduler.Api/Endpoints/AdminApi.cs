using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Scheduler.Api.Auth;
using Scheduler.Batches;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;
using Scheduler.Planning;
using Scheduler.Storage;

namespace Scheduler.Api.Endpoints;

/// <summary>NVC's administrators: posts and their profiles, a month's settings, bulletin and pools,
/// cases in batches, batches started and followed, any post's schedule, the audit log. Uploaded files
/// are read by the scenario readers (one validator: the messages <c>db import</c> gives).</summary>
public static class AdminApi
{
    /// <summary>Largest upload of cases accepted, in bytes.</summary>
    public const long MaxCasesBytes = 64L * 1024 * 1024;

    /// <summary>Maps the group.</summary>
    public static RouteGroupBuilder MapAdminApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").RequireAuthorization(Policies.Admin).WithTags("Administration")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/posts", ListPosts).WithName("ListPosts").WithSummary("Every post, and where its profile for the month comes from.");
        group.MapPut("/months/{month}", PutMonth).WithName("PutMonth").WithSummary("Sets the month's run date (asOf, at the latest the month's last day).")
            .ProducesValidationProblem();
        group.MapPut("/months/{month}/bulletin", PutBulletin).WithName("PutBulletin")
            .WithSummary("Replaces the month's Visa Bulletin: a bulletin.csv as the body (text/csv).").WithMetadata(new RequestBodyDoc("text/csv"))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPut("/months/{month}/numbers", PutNumbers).WithName("PutNumbers")
            .WithSummary("Replaces the month's visa-number pools: a numbers.csv as the body (text/csv).").WithMetadata(new RequestBodyDoc("text/csv"))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/cases", PostCases).WithName("UpsertCases")
            .WithSummary("Upserts cases and their applicants by id: { \"cases\": cases.csv text, \"applicants\": applicants.csv text }.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxCasesBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/cases/withdrawals", WithdrawCases).WithName("WithdrawCases")
            .WithSummary("Withdraws cases the case system no longer sends to interview: kept with the date and reason, offered to no later month, a committed seat kept. All or nothing.")
            .ProducesValidationProblem();
        group.MapPost("/cases/reinstatements", ReinstateCases).WithName("ReinstateCases")
            .WithSummary("Offers withdrawn cases again from the next month read. All or nothing.")
            .ProducesValidationProblem();
        group.MapPost("/months/{month}/batches", StartBatch).WithName("StartBatch").WithSummary("Starts the month's batch (202 Accepted, follow it at Location).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/batches", ListBatches).WithName("ListBatches").WithSummary("The ledger, newest first.");
        group.MapGet("/batches/{id:long}", GetBatch).WithName("GetBatch").WithSummary("One batch of the ledger.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/audit", GetAudit).WithName("GetAudit")
            .WithSummary("Who changed what, when, before and after; newest first. Page to older entries with before={the last id}; target=MNL gives MNL/2026-12 too.");
        return group;
    }

    private static async Task<Results<Ok<PostListItem[]>, ProblemHttpResult>> ListPosts(string? month, SchedulerStore store, TimeProvider time, CancellationToken ct)
    {
        YearMonth m;
        if (month is null)
        {
            m = Instant.FromDateTimeOffset(time.GetUtcNow()).InUtc().Date.ToYearMonth().PlusMonths(1);
        }
        else if (!ProfilesApi.TryMonth(month, out m))
        {
            return ProfilesApi.BadMonth(month);
        }
        return TypedResults.Ok((await store.ReadProfilesAsync(m, ct)).Select(profile => new PostListItem(profile.Post.Code.Value, profile.Post.Name,
            Values.Format(m), profile.FromMonth is { } from ? Values.Format(from) : null, profile.Version, profile.FromMonth == m)).ToArray());
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutMonth(string month, MonthSettings body, SchedulerStore store, HttpContext http, CancellationToken ct)
    {
        if (!ProfilesApi.TryMonth(month, out var m))
        {
            return ProfilesApi.BadMonth(month);
        }
        if (!Values.TryDate(body.AsOf, out var asOf))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asOf"] = [$"expected yyyy-MM-dd, got '{body.AsOf}'"] });
        }
        // A run date after the month has ended would plan appointments in the past.
        if (RunDate.IsAfter(m, asOf))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["asOf"] = [$"{Values.Format(asOf)} is after {Values.Format(m)} ends; a month is planned on or before its last day"],
            });
        }
        await store.SetMonthAsync(m, asOf, Actor(http), ct);
        return TypedResults.NoContent();
    }

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutBulletin(string month, HttpContext http, SchedulerStore store, CancellationToken ct) =>
        ReplaceMonthPartAsync(month, http, "bulletin.csv", ScenarioParts.ReadBulletin, "The bulletin has problems",
            (m, entries) => store.ReplaceBulletinAsync(m, entries, Actor(http), ct), ct);

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutNumbers(string month, HttpContext http, SchedulerStore store, CancellationToken ct) =>
        ReplaceMonthPartAsync(month, http, "numbers.csv", ScenarioParts.ReadPools, "The pools have problems",
            (m, pools) => store.ReplacePoolsAsync(m, pools, Actor(http), ct), ct);

    /// <summary>A month's file uploaded as the body: read as a scenario folder's file would be, then stored.</summary>
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReplaceMonthPartAsync<T>(string month, HttpContext http,
        string file, Func<string, ProblemList, T?> read, string title, Func<YearMonth, T, Task> replace, CancellationToken ct) where T : class
    {
        if (!ProfilesApi.TryMonth(month, out var m))
        {
            return ProfilesApi.BadMonth(month);
        }
        if (!ProfilesApi.HasMediaType(http, "text/csv"))
        {
            return ProfilesApi.UnsupportedMediaType("text/csv");
        }
        var problems = new ProblemList();
        var part = await ReadUploadAsync(http, file, path => read(path, problems), ct);
        if (part is null)
        {
            return TypedResults.ValidationProblem(Errors(problems), title: title);
        }
        try
        {
            await replace(m, part);
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown month", detail: e.Message);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportSummary>, ValidationProblem>> PostCases(CasesUpload body, SchedulerStore store, HttpContext http, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-api-cases-");
        try
        {
            var cases = Path.Combine(folder.FullName, "cases.csv");
            var applicants = Path.Combine(folder.FullName, "applicants.csv");
            await File.WriteAllTextAsync(cases, body.Cases ?? "", ct);
            await File.WriteAllTextAsync(applicants, body.Applicants ?? "", ct);
            var problems = new ProblemList();
            var read = ScenarioParts.ReadCases(cases, applicants, await store.PostCodesAsync(ct), problems);
            if (read is null)
            {
                return TypedResults.ValidationProblem(Errors(problems), title: "The cases have problems");
            }
            try
            {
                return TypedResults.Ok(await store.UpsertCasesAsync(read, Actor(http), ct));
            }
            catch (ApplicantsMovedException refused)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["applicants"] = [.. ApplicantMoves.Lines(refused, folder.FullName)] },
                    title: "The cases have problems");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Results<Ok<WithdrawalSummary>, ValidationProblem>> WithdrawCases(CaseWithdrawal body, SchedulerStore store, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        var errors = CaseIdErrors(body.CaseIds);
        var on = Instant.FromDateTimeOffset(time.GetUtcNow()).InUtc().Date;
        if (body.On is { } text && !Values.TryDate(text, out on))
        {
            errors["on"] = [$"expected yyyy-MM-dd, got '{text}'"];
        }
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors["reason"] = ["must say why the cases leave"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The withdrawal has problems");
        }
        return await ChangeCasesAsync(body.CaseIds!, ids => store.WithdrawCasesAsync(ids, on, body.Reason!.Trim(), Actor(http), ct));
    }

    private static async Task<Results<Ok<WithdrawalSummary>, ValidationProblem>> ReinstateCases(CaseList body, SchedulerStore store, HttpContext http,
        CancellationToken ct)
    {
        var errors = CaseIdErrors(body.CaseIds);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The reinstatement has problems");
        }
        return await ChangeCasesAsync(body.CaseIds!, ids => store.ReinstateCasesAsync(ids, Actor(http), ct));
    }

    /// <summary>Largest list of case ids one withdrawal or reinstatement takes.</summary>
    public const int MaxCaseIds = 10_000;

    private static Dictionary<string, string[]> CaseIdErrors(IReadOnlyList<string?>? ids)
    {
        var errors = new Dictionary<string, string[]>();
        if (ids is null || ids.Count == 0)
        {
            errors["caseIds"] = ["give at least one case id"];
        }
        else if (ids.Count > MaxCaseIds)
        {
            errors["caseIds"] = [$"at most {MaxCaseIds} case ids at once, got {ids.Count}"];
        }
        else
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(ids[i]))
                {
                    errors[$"caseIds[{i}]"] = ["a case id, not empty"];
                }
            }
        }
        return errors;
    }

    private static async Task<Results<Ok<WithdrawalSummary>, ValidationProblem>> ChangeCasesAsync(IReadOnlyList<string?> ids,
        Func<IReadOnlyList<Core.Cases.CaseId>, Task<WithdrawalSummary>> change)
    {
        try
        {
            return TypedResults.Ok(await change([.. ids.Select(id => new Core.Cases.CaseId(id!.Trim()))]));
        }
        catch (UnknownCasesException refused)
        {
            var unknown = refused.Unknown.ToHashSet(StringComparer.Ordinal);
            var errors = new Dictionary<string, string[]>();
            for (var i = 0; i < ids.Count; i++)
            {
                if (unknown.Contains(ids[i]!.Trim()))
                {
                    errors[$"caseIds[{i}]"] = [$"'{ids[i]!.Trim()}' is not in the database"];
                }
            }
            return TypedResults.ValidationProblem(errors, title: "Unknown cases: nothing was changed");
        }
    }

    private static async Task<Results<Accepted<BatchView>, ValidationProblem, ProblemHttpResult>> StartBatch(
        string month, BatchStart? body, BatchLauncher launcher, SchedulerStore store, HttpContext http, CancellationToken ct)
    {
        if (!ProfilesApi.TryMonth(month, out var m))
        {
            return ProfilesApi.BadMonth(month);
        }
        body ??= new BatchStart();
        LocalDate? asOf = null;
        if (body.AsOf is { } text)
        {
            if (!Values.TryDate(text, out var date))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asOf"] = [$"expected yyyy-MM-dd, got '{text}'"] });
            }
            asOf = date;
        }
        if (!SolverKinds.TryParse(body.Solver ?? "cpsat", out var solver))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["solver"] = [$"expected cpsat or greedy, got '{body.Solver}'"] });
        }
        if (asOf is null && await store.MonthAsOfAsync(m, ct) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The month cannot be planned",
                detail: $"{Values.Format(m)} has no settings: set its run date first (PUT /api/v1/months/{Values.Format(m)} with {{\"asOf\": \"yyyy-MM-dd\"}}), or give \"asOf\" in this request.");
        }
        var options = new PlanOptions { Solver = solver, Seed = body.Seed ?? 1 };
        var (id, result) = await launcher.StartAsync(new BatchRunRequest(m, options, asOf, body.Force));
        if (result is not null)
        {
            return result.Status switch
            {
                BatchRunStatus.AlreadyCommitted => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already committed",
                    detail: $"{Values.Format(m)} has committed batch {result.BatchId}; start with \"force\": true to supersede it."),
                BatchRunStatus.AlreadyRunning => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already running",
                    detail: $"{Values.Format(m)} is being run by another worker."),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The month cannot be planned",
                    detail: string.Join('\n', result.Problems)),
            };
        }
        await store.AppendAuditAsync(Actor(http), "batch.start", Values.Format(m), null, JsonSerializer.Serialize(new { batch = id, body.Force, solver = solver.Code(), options.Seed }), ct);
        var record = await store.GetBatchAsync(id!.Value, ct);
        return TypedResults.Accepted($"/api/v1/batches/{id}", BatchView.Of(record!));
    }

    private static async Task<Results<Ok<BatchView[]>, ProblemHttpResult>> ListBatches(string? month, SchedulerStore store, CancellationToken ct)
    {
        YearMonth? m = null;
        if (month is not null)
        {
            if (!ProfilesApi.TryMonth(month, out var parsed))
            {
                return ProfilesApi.BadMonth(month);
            }
            m = parsed;
        }
        return TypedResults.Ok((await store.ListBatchesAsync(m, ct)).OrderByDescending(b => b.Id).Select(BatchView.Of).ToArray());
    }

    private static async Task<Results<Ok<BatchView>, ProblemHttpResult>> GetBatch(long id, SchedulerStore store, CancellationToken ct) =>
        await store.GetBatchAsync(id, ct) is { } batch ? TypedResults.Ok(BatchView.Of(batch))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown batch", detail: $"no batch {id} in the ledger");

    /// <param name="target">Only entries of this target or under it (<c>MNL</c> gives <c>MNL/2026-12</c>'s).</param>
    /// <param name="after">Only entries newer than this id.</param>
    /// <param name="before">Only entries older than this id: the last id of a page gives the next page.</param>
    /// <param name="limit">At most this many entries (1 to 1000, default 100).</param>
    /// <param name="store">The store.</param>
    /// <param name="ct">Cancellation.</param>
    private static async Task<Ok<AuditEntryView[]>> GetAudit(string? target, long? after, long? before, int? limit, SchedulerStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ReadAuditAsync(target, after, Math.Clamp(limit ?? 100, 1, 1000), before, ct)).Select(AuditEntryView.Of).ToArray());

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    private static Dictionary<string, string[]> Errors(ProblemList problems) =>
        problems.Items.GroupBy(p => $"{p.File}:{p.Line}").ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());

    /// <summary>The body, as the file a scenario folder would hold, read by <paramref name="read"/>.</summary>
    private static async Task<T?> ReadUploadAsync<T>(HttpContext http, string name, Func<string, T?> read, CancellationToken ct) where T : class
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-api-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, name);
            await using (var file = File.Create(path))
            {
                await http.Request.Body.CopyToAsync(file, ct);
            }
            return read(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>One line of the audit log: <paramref name="At"/> as ISO-8601 UTC.</summary>
public sealed record AuditEntryView(long Id, string At, string Actor, string Action, string Target, string? Before, string? After)
{
    internal static AuditEntryView Of(AuditEntry e) =>
        new(e.Id, NodaTime.Text.InstantPattern.ExtendedIso.Format(e.At), e.Actor, e.Action, e.Target, e.Before, e.After);
}

/// <summary>A post in the administrators' list: whether it has its own profile for the month.</summary>
public sealed record PostListItem(string Code, string Name, string Month, string? ProfileFrom, int? ProfileVersion, bool OwnProfileForMonth);

/// <summary>A month's settings.</summary>
public sealed record MonthSettings(string? AsOf);

/// <summary>Cases and applicants to upsert, as the text of <c>cases.csv</c> and <c>applicants.csv</c>.</summary>
public sealed record CasesUpload(string? Cases, string? Applicants);

/// <summary>Cases to withdraw: their ids, why, and from when (yyyy-MM-dd, default today, UTC).</summary>
public sealed record CaseWithdrawal(IReadOnlyList<string?>? CaseIds, string? Reason, string? On = null);

/// <summary>Case ids.</summary>
public sealed record CaseList(IReadOnlyList<string?>? CaseIds);

/// <summary>How to start a batch; every field optional.</summary>
public sealed record BatchStart(string? Solver = null, int? Seed = null, string? AsOf = null, bool Force = false);

/// <summary>A batch of the ledger.</summary>
public sealed record BatchView(long Id, string Month, string Status, string AsOf, string Solver, int Seed, string EngineVersion, string? InputHash,
    string Started, string? Ended, BatchFigures? Figures, string? Message, long? SupersededBy)
{
    internal static BatchView Of(BatchRecord b) => new(b.Id, Values.Format(b.Month), b.Status.ToString().ToLowerInvariant(), Values.Format(b.AsOf),
        b.Solver, b.Seed, b.EngineVersion, b.InputHash, NodaTime.Text.InstantPattern.ExtendedIso.Format(b.Started),
        b.Ended is { } ended ? NodaTime.Text.InstantPattern.ExtendedIso.Format(ended) : null, b.Figures, b.Message, b.SupersededBy);
}

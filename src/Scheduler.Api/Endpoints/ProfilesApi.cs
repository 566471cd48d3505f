using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NodaTime;
using Scheduler.Api.Auth;
using Scheduler.Core.Posts;
using Scheduler.Files.Input;
using Scheduler.Storage;

namespace Scheduler.Api.Endpoints;

/// <summary><c>/api/v1/posts/{code}/profiles/{month}</c>: a post reads and replaces its capacity
/// profile for a month (the shape of a <c>posts.json</c> entry), under a strong ETag.</summary>
public static class ProfilesApi
{
    /// <summary>Largest profile accepted, in bytes.</summary>
    public const long MaxProfileBytes = 256 * 1024;

    /// <summary>Response header of GET and PUT profile: the month (<c>yyyy-MM</c>) of the upload in effect; earlier than the
    /// URL's month when the profile is carried over; absent when the post has no upload up to the month.</summary>
    public const string ProfileFromHeader = "Profile-From";

    /// <summary>Response header of GET profile: the id of the month's committed batch, when it has one (the profile is frozen:
    /// a PUT gets 409).</summary>
    public const string FrozenByHeader = "Profile-Frozen-By";

    /// <summary>Maps the group.</summary>
    public static RouteGroupBuilder MapProfilesApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/posts/{code}").RequireAuthorization(Policies.OwnPost).WithTags("Profiles")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/profiles/{month}", GetProfile).WithName("GetProfile").WithSummary("The post's capacity profile for a month, with its ETag.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithMetadata(new ETagDoc(IfMatch: false));
        group.MapPut("/profiles/{month}", PutProfile).WithName("PutProfile")
            .WithSummary("Replaces the month's profile. Requires If-Match with the ETag last read.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithMetadata(new RequestSizeLimitAttribute(MaxProfileBytes), new RequestBodyDoc("application/json"), new ETagDoc(IfMatch: true));
        group.MapGet("/profiles/{month}/history", GetHistory).WithName("GetProfileHistory").WithSummary("The month's uploads, newest first.");
        group.MapGet("/appointments/{month}", GetAppointments).WithName("GetAppointments")
            .WithSummary("The post's committed schedule for the month: who comes when, and its unscheduled cases with reasons.");
        return group;
    }

    /// <summary>A month in the URL: <c>yyyy-MM</c>.</summary>
    internal static bool TryMonth(string text, out YearMonth month) => Values.TryMonth(text, out month);

    internal static ProblemHttpResult BadMonth(string text) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad month", detail: $"month: expected yyyy-MM, got '{text}'");

    internal static ProblemHttpResult UnknownPost(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown post", detail: $"no post {new PostCode(code).Value}");

    private static ProblemHttpResult StaleProfile() =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Stale profile",
            detail: "The profile changed since you read it (someone uploaded a newer one). Read it again, redo your edit, and send it with the new ETag.");

    /// <summary>Whether the request's body is of <paramref name="mediaType"/> (parameters such as charset aside). Checked in the
    /// handler, after authentication and authorization, so that a request without a key gets 401 whatever it sends (routing's
    /// content-type matching would answer 415 first).</summary>
    internal static bool HasMediaType(HttpContext http, string mediaType) =>
        MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
        && string.Equals(type.MediaType.ToString(), mediaType, StringComparison.OrdinalIgnoreCase);

    internal static ProblemHttpResult UnsupportedMediaType(string mediaType) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
            detail: $"Send the body as {mediaType}.");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetProfile(
        string code, string month, SchedulerStore store, HttpContext http, CancellationToken ct)
    {
        if (!TryMonth(month, out var m))
        {
            return BadMonth(month);
        }
        if (await store.ReadProfileAsync(new PostCode(code), m, ct) is not { } profile)
        {
            return UnknownPost(code);
        }
        http.Response.Headers.ETag = profile.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        // Where the profile comes from and whether it may still change, as headers: the body stays a posts.json entry
        // that PUT takes back as it is.
        if (profile.FromMonth is { } from)
        {
            http.Response.Headers[ProfileFromHeader] = Values.Format(from);
        }
        if (profile.FrozenBy is { } committed)
        {
            http.Response.Headers[FrozenByHeader] = committed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Content(PostProfileJson.Write(profile.Post), "application/json", Encoding.UTF8);
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> PutProfile(
        string code, string month, SchedulerStore store, HttpContext http, CancellationToken ct)
    {
        if (!TryMonth(month, out var m))
        {
            return BadMonth(month);
        }
        if (!HasMediaType(http, "application/json"))
        {
            return UnsupportedMediaType("application/json");
        }
        if (http.Request.Headers.IfMatch.Count == 0 || string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch.ToString()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send If-Match with the ETag of the profile you edited (GET it first), so that a newer upload is never overwritten.");
        }
        if (!EntityTagHeaderValue.TryParseList(http.Request.Headers.IfMatch, out var tags) || tags.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["If-Match"] = ["expected * or a list of quoted entity tags, as ETag gives them"],
            }, title: "Bad If-Match header");
        }
        // Weak tags never match (a write compares strongly, RFC 9110 section 13.1.1): they are left out of the list.
        var ifMatch = tags.Where(t => !t.IsWeak).Select(t => t.Equals(EntityTagHeaderValue.Any) ? "*" : t.Tag.ToString()).ToList();
        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(ct);
        }
        catch (BadHttpRequestException e)
        {
            return TypedResults.Problem(statusCode: e.StatusCode, title: "Bad request body", detail: e.Message);
        }
        var problems = new ProblemList();
        var parsed = PostProfileJson.Read(body, "request", problems, "profile", m, refuseUnknownProperties: true);
        if (parsed is null)
        {
            return TypedResults.ValidationProblem(ApiProblems.Errors(problems, "profile"), title: "The profile has problems");
        }
        if (parsed.Code != new PostCode(code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["code"] = [$"the body is post {parsed.Code.Value}, the URL post {new PostCode(code).Value}"],
            }, title: "The profile has problems");
        }
        if (await store.ReadProfileAsync(parsed.Code, m, ct) is not { } stored)
        {
            return UnknownPost(code);
        }
        if (PostIdentity.Changes(body, parsed, stored.Post) is { Count: > 0 } changed)
        {
            return TypedResults.ValidationProblem(changed, title: "The profile has problems");
        }
        if (ifMatch.Count == 0)
        {
            http.Response.Headers.ETag = stored.ETag;
            return StaleProfile();
        }
        var actor = http.User.Identity?.Name ?? "unknown";
        var result = await store.WriteProfileAsync(parsed.Code, m, parsed, ifMatch, actor, ct);
        switch (result.Status)
        {
            case ProfileWriteStatus.UnknownPost:
                return UnknownPost(code);
            case ProfileWriteStatus.Frozen:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Month frozen",
                    detail: $"{Values.Format(m)} has committed batch {result.FrozenByBatch}: its profiles no longer change.");
            case ProfileWriteStatus.Stale:
                http.Response.Headers.ETag = result.ETag;
                return StaleProfile();
        }
        http.Response.Headers.ETag = result.ETag;
        http.Response.Headers[ProfileFromHeader] = Values.Format(m);
        return TypedResults.Content(PostProfileJson.Write(result.Profile!), "application/json", Encoding.UTF8);
    }

    private static async Task<Results<Ok<ProfileVersionView[]>, ProblemHttpResult>> GetHistory(string code, string month, SchedulerStore store, CancellationToken ct)
    {
        if (!TryMonth(month, out var m))
        {
            return BadMonth(month);
        }
        if (await store.ReadProfileAsync(new PostCode(code), m, ct) is null)
        {
            return UnknownPost(code);
        }
        return TypedResults.Ok((await store.ProfileHistoryAsync(new PostCode(code), m, ct)).Select(ProfileVersionView.Of).ToArray());
    }

    private static async Task<Results<Ok<PostScheduleView>, ProblemHttpResult>> GetAppointments(string code, string month, SchedulerStore store, CancellationToken ct)
    {
        if (!TryMonth(month, out var m))
        {
            return BadMonth(month);
        }
        if (await store.ReadProfileAsync(new PostCode(code), m, ct) is null)
        {
            return UnknownPost(code);
        }
        if (await store.ReadPostScheduleAsync(new PostCode(code), m, ct) is not { } schedule)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No committed schedule",
                detail: $"{Values.Format(m)} has no committed batch yet.");
        }
        return TypedResults.Ok(PostScheduleView.Of(new PostCode(code), schedule));
    }
}

/// <summary>One upload of a month's profile: <paramref name="UploadedAt"/> as ISO-8601 UTC, by the key named.</summary>
public sealed record ProfileVersionView(int Version, string UploadedAt, string UploadedBy, string ETag)
{
    internal static ProfileVersionView Of(ProfileVersion v) =>
        new(v.Version, NodaTime.Text.InstantPattern.ExtendedIso.Format(v.UploadedAt), v.UploadedBy, v.ETag);
}

/// <summary>A post's committed month, as the API gives it.</summary>
public sealed record PostScheduleView(string Post, string Month, long Batch, AppointmentView[] Appointments, UnscheduledView[] Unscheduled)
{
    internal static PostScheduleView Of(PostCode post, PostSchedule schedule) => new(
        post.Value, Values.Format(schedule.Month), schedule.BatchId,
        [.. schedule.Appointments.Select(a => new AppointmentView(a.CaseId.Value, Values.Format(a.Date), Values.Format(a.Start), a.Applicants))],
        [.. schedule.Unscheduled.Select(u => new UnscheduledView(u.CaseId.Value, Core.Scheduling.UnscheduledReasons.Code(u.Reason)))]);
}

/// <summary>One appointment: the case, its day and session, how many applicants come.</summary>
public sealed record AppointmentView(string CaseId, string Date, string Start, int Applicants);

/// <summary>One case left out, with the spec's reason code.</summary>
public sealed record UnscheduledView(string CaseId, string Reason);

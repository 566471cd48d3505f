using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Scheduler.Api.Auth;
using Scheduler.Api.Endpoints;
using Scheduler.Batches;
using Scheduler.Planning;
using Scheduler.Storage;

namespace Scheduler.Api;

/// <summary>The HTTP API and the page for posts, on Kestrel: endpoints grouped per resource under
/// <c>/api/v1</c>, API keys through an authentication handler and policies, problem details,
/// per-key rate limits, OpenAPI at <c>/openapi/v1.json</c>, health at <c>/health/live</c> and
/// <c>/health/ready</c>, the page at <c>/</c>.</summary>
public static class ApiHost
{
    /// <summary>The API's whole-request body limit (the cases upload is the largest).</summary>
    public const long MaxRequestBytes = AdminApi.MaxCasesBytes;

    /// <summary>Builds the server (call <see cref="MigrateAsync"/>, then run it).</summary>
    public static WebApplication Build(ApiSettings settings, string[]? args = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        // ASP.NET Core logs five Information lines per request (hosting, routing, result); on the console that costs a third
        // of the read throughput under load. Warnings and errors still show; the defaults sit first among the sources, so
        // appsettings, Logging__LogLevel__Microsoft.AspNetCore=Information in the environment or the command line override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);
        var clock = time ?? TimeProvider.System;
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(_ => SchedulerStore.Open(settings.Database, clock));
        builder.Services.AddSingleton(services => new MonthlyPlanner(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<BatchRunner>();
        builder.Services.AddSingleton<BatchLauncher>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Type ??= ProblemTypes.For(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode));
        // A body or parameter that does not bind throws, so that BindingProblems names it in a problem (else: a bare 400).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BindingProblems>();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<UnauthenticatedLimiter>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.Scheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Scheme, null);
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddSingleton<IAuthorizationHandler, OwnPostHandler>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetTokenBucketLimiter(http.User.Identity?.Name ?? $"ip:{http.Connection.RemoteIpAddress}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.RequestsPerSecond,
                    ReplenishmentPeriod = settings.RatePeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"This key sent more than {settings.RequestsPerSecond} requests a second; retry after {retry} s.").ExecuteAsync(context.HttpContext);
            };
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddOpenApi(options => options.AddOperationTransformer(ApiDocs.Transform).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Scheduler API", Version = "v1",
                Description = "Consular posts upload their monthly capacity profile; NVC administers months, cases and batches. Send an API key as Authorization: Bearer KEY.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key issued with `scheduler keys issue`.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        if (settings.TrustedProxies.Count > 0)
        {
            // Only the configured proxies: the middleware's defaults (loopback) are cleared, so that a server behind no
            // proxy, or a client beside the proxy, cannot name another address than its own.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in settings.TrustedProxies)
            {
                forwarded.KnownProxies.Add(proxy);
                if (proxy.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    forwarded.KnownProxies.Add(proxy.MapToIPv6());
            }
            app.UseForwardedHeaders(forwarded);
        }
        app.Use(SecurityHeaders.Add);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var page = new ManifestEmbeddedFileProvider(typeof(ApiHost).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        var unauthenticated = app.Services.GetRequiredService<UnauthenticatedLimiter>();
        app.Use(unauthenticated.InvokeAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Probes and the document are never refused for load: an orchestrator must see the server as it is.
        app.MapOpenApi().DisableRateLimiting();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).DisableRateLimiting();
        app.MapProfilesApiV1();
        app.MapAdminApiV1();
        return app;
    }

    /// <summary>Brings the database's schema up to date before the server takes requests.</summary>
    public static Task MigrateAsync(WebApplication app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<SchedulerStore>().MigrateAsync(ct);
    }
}

/// <summary>Ready when the database answers.</summary>
internal sealed class DatabaseHealthCheck(SchedulerStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.MonthsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{store.Kind} answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.Kind} does not answer: {e.GetType().Name}");
        }
    }
}

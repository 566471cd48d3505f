using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Batches;
using Scheduler.Planning;
using Scheduler.Storage;

namespace Scheduler.Worker;

/// <summary>The monthly batch as a hosted service (<c>scheduler-worker</c>).</summary>
public static class Program
{
    /// <summary>Runs the host until SIGTERM or Ctrl+C. Exit codes: 0 stopped, 1 the worker failed,
    /// 2 bad configuration or a database it cannot use at start. <c>run --month M ...</c> runs one batch now and
    /// exits instead (<see cref="RunOnce"/>).</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "run")
        {
            return await RunOnce.MainAsync(args[1..], Console.Out, Console.Error);
        }
        using var host = Build(args);
        if (Settings(host, Console.Error) is not { } settings)
        {
            return 2;
        }
        if (await CheckDatabaseAsync(settings, host.Services.GetRequiredService<TimeProvider>()) is { } problem)
        {
            Console.Error.WriteLine($"configuration: {WorkerOptions.Section}:Database: {problem}");
            return 2;
        }
        // Taken before the run, which disposes the host's services.
        var worker = host.Services.GetServices<IHostedService>().OfType<MonthlyBatchWorker>().Single();
        await host.RunAsync();
        // A worker that ended by itself (not by a stop request) failed.
        return worker.ExecuteTask is { IsFaulted: true } ? 1 : 0;
    }

    /// <summary>The host's settings, checked before it starts so that a bad one gets one clear line and not a host
    /// failure; null (each problem written to <paramref name="error"/>) when they are bad.</summary>
    public static WorkerOptions? Settings(IHost host, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                error.WriteLine($"configuration: {WorkerOptions.Section}: {failure}");
            }
            return null;
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the setting and the type it wanted ("...at 'Scheduler:RunDay' to type 'System.Int32'").
            error.WriteLine($"configuration: {e.Message}");
            return null;
        }
    }

    /// <summary>Opens and migrates the database once before the host starts: null when usable, else why not.
    /// A new SQLite file is created only when <see cref="WorkerOptions.Database"/> names it (and
    /// <paramref name="create"/> does not say otherwise).</summary>
    public static async Task<string?> CheckDatabaseAsync(WorkerOptions settings, TimeProvider time, bool? create = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var opening = await StoreOpening.OpenAsync(DatabaseLocation.Resolve(settings.Database), create ?? !string.IsNullOrWhiteSpace(settings.Database), time);
        if (opening.Store is { } store)
        {
            await store.DisposeAsync();
        }
        return opening.Problem;
    }

    /// <summary>The host: options bound and validated at start, the store, the planner and the worker.</summary>
    public static IHost Build(string[] args)
    {
        // appsettings.json is read from beside the program, wherever it is started from.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddOptions<WorkerOptions>()
            .Bind(builder.Configuration.GetSection(WorkerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
            SchedulerStore.Open(DatabaseLocation.Resolve(services.GetRequiredService<IOptions<WorkerOptions>>().Value.Database),
                services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new MonthlyPlanner(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<BatchRunner>();
        builder.Services.AddHostedService<MonthlyBatchWorker>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder.Build();
    }
}

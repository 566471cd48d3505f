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
    /// <summary>Runs the host until SIGTERM or Ctrl+C. Exit codes: 0 stopped, 2 bad configuration.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var host = Build(args);
        try
        {
            // Checked before starting, so a bad setting gets one clear line and not a host failure.
            _ = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
            await host.RunAsync();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                Console.Error.WriteLine($"configuration: {WorkerOptions.Section}: {failure}");
            }
            return 2;
        }
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

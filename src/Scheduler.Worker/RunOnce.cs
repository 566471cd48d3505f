using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Batches;
using Scheduler.Files.Input;

namespace Scheduler.Worker;

/// <summary><c>scheduler-worker run --month M [--force] [--as-of D] [--db C] [--Scheduler:Setting=value ...]</c>: one
/// month's batch now, in the service's own process (its settings, its collector, its logs), then exit: for an
/// operator whose deployment has the worker and not the CLI, as the CLI's <c>run</c> does. Solver, seed, workers
/// and time limit are the worker's settings (appsettings.json, environment, <c>--Scheduler:Seed=2</c>). Exit 0
/// committed; 1 already committed (without <c>--force</c>), run by another worker, or stopped (SIGTERM, Ctrl+C);
/// 2 bad usage, configuration or input.</summary>
public static class RunOnce
{
    public const string Usage = "usage: scheduler-worker run --month yyyy-MM [--force] [--as-of yyyy-MM-dd] [--db CONNECTION] [--Scheduler:Setting=value ...]";

    /// <summary>The verb's own arguments, and the rest for the host's configuration.</summary>
    public sealed record Arguments(YearMonth Month, LocalDate? AsOf, bool Force, string? Database, string[] Configuration);

    /// <summary>Reads the verb's arguments (those after <c>run</c>); null, with the reason in <paramref name="problem"/>, when they are bad.</summary>
    public static Arguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        YearMonth? month = null;
        LocalDate? asOf = null;
        var force = false;
        string? database = null;
        var configuration = new List<string>();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return args[++i];
                return null;
            }
            switch (arg)
            {
                case "--month":
                    var m = Value();
                    if (!Values.TryMonth(m, out var parsed))
                    {
                        problem = $"--month: expected yyyy-MM, got '{m}'";
                        return null;
                    }
                    month = parsed;
                    break;
                case "--as-of":
                    var d = Value();
                    if (!Values.TryDate(d, out var date))
                    {
                        problem = $"--as-of: expected yyyy-MM-dd, got '{d}'";
                        return null;
                    }
                    asOf = date;
                    break;
                case "--force":
                    force = true;
                    break;
                case "--db":
                    if (Value() is not { } db)
                    {
                        problem = "--db: expected a SQLite path or a PostgreSQL connection string";
                        return null;
                    }
                    database = db;
                    configuration.Add($"--{WorkerOptions.Section}:{nameof(WorkerOptions.Database)}={db}");
                    break;
                default:
                    if (!arg.StartsWith("--", StringComparison.Ordinal) || !arg.Contains(':', StringComparison.Ordinal))
                    {
                        problem = $"unknown argument '{arg}'";
                        return null;
                    }
                    configuration.Add(arg);
                    break;
            }
        }
        if (month is null)
        {
            problem = "--month is required";
            return null;
        }
        // The batch's log goes to standard error, as the CLI's does: standard output says how the batch ended.
        configuration.Insert(0, "--Logging:Console:LogToStandardErrorThreshold=Trace");
        return new Arguments(month.Value, asOf, force, database, [.. configuration]);
    }

    /// <summary>Runs the batch and gives the exit code.</summary>
    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args, out var problem) is not { } arguments)
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }
        using var host = Program.Build(arguments.Configuration);
        if (Program.Settings(host, error) is not { } settings)
            return 2;
        var time = host.Services.GetRequiredService<TimeProvider>();
        // A batch runs on what is there: a path with no file is refused, never made into an empty database.
        if (await Program.CheckDatabaseAsync(settings, time, create: false) is { } unusable)
        {
            error.WriteLine(arguments.Database is null ? $"configuration: {WorkerOptions.Section}:Database: {unusable}" : $"--db: {unusable}");
            return 2;
        }
        using var stop = new StopSignal(error, "the batch commits nothing");
        var runner = host.Services.GetRequiredService<BatchRunner>();
        BatchRunResult result;
        try
        {
            result = await runner.RunAsync(new BatchRunRequest(arguments.Month, settings.ToPlanOptions(), arguments.AsOf, arguments.Force), stop.Token);
        }
        finally
        {
            await host.Services.GetRequiredService<Storage.SchedulerStore>().DisposeAsync();
        }
        return BatchRunOutcome.Report(result, arguments.Month, output, error);
    }
}

using System.CommandLine;
using Microsoft.Extensions.Logging;
using Scheduler.Batches;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary><c>demo [--db C] [--scenario DIR]</c>: the service's own path on a fresh machine. Creates
/// the embedded database, imports the bundled sample, runs the month's batch as the worker does,
/// prints the month's summary and exits. Run again, it finds the month committed and says so.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var db = Database.Option();
        var scenario = new Option<DirectoryInfo?>("--scenario") { Description = "The scenario to import (default the repository's samples/small, found above the working folder or the program)." };
        var command = new Command("demo", "Import the bundled sample into the database, run its month's batch as the worker would, print the summary.") { db, scenario };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(scenario)?.FullName ?? BundledSample();
            if (folder is null)
            {
                error.WriteLine($"demo: the bundled sample samples/small is not above {Environment.CurrentDirectory} nor beside the program; give --scenario DIR");
                return ExitCodes.BadInput;
            }
            if (ScenarioInput.ReadOrReport(folder, error) is not { } read)
            {
                return ExitCodes.BadInput;
            }
            using var stop = new StopSignal(error, "the batch commits nothing");
            return DbCommand.Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), create: true, stop.Token);
                var imported = await store.ImportAsync(read.Inputs!, stop.Token);
                output.WriteLine($"imported {Path.GetFileName(folder)}: {imported.Posts} posts, {imported.Cases:N0} cases, {imported.Applicants:N0} applicants -> {store.Kind}");
                using var logs = Database.Logs();
                var runner = new BatchRunner(store, new MonthlyPlanner(), TimeProvider.System, logs.CreateLogger<BatchRunner>());
                var result = await runner.RunAsync(new BatchRunRequest(read.Inputs!.Month, new PlanOptions()), stop.Token);
                if (result.Status == BatchRunStatus.AlreadyCommitted)
                {
                    output.WriteLine($"month {Files.Input.Values.Format(read.Inputs.Month)} already has committed batch {result.BatchId} (batches show {result.BatchId}; run --month {Files.Input.Values.Format(read.Inputs.Month)} --force to plan it again)");
                    return ExitCodes.Success;
                }
                return BatchRunOutcome.Report(result, read.Inputs.Month, output, error);
            });
        });
        return command;
    }

    /// <summary>The repository's <c>samples/small</c>: the first found going up from the working folder, then from
    /// the program's folder (bin/Release/net10.0 sits inside the repository); null when neither has one.</summary>
    private static string? BundledSample()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var sample = Path.Combine(folder.FullName, "samples", "small");
                if (File.Exists(Path.Combine(sample, "settings.json")))
                {
                    return sample;
                }
            }
        }
        return null;
    }
}

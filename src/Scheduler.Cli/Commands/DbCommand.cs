using System.CommandLine;
using Scheduler.Batches;

namespace Scheduler.Cli.Commands;

/// <summary><c>db import SCENARIO [--db C]</c> and <c>db export --month M --out DIR [--db C]</c>.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("db", "Move a month between scenario files and the database.") { Import(output, error), Export(output, error) };

    private static Command Import(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("SCENARIO") { Description = "The scenario folder." };
        var db = Database.Option();
        var command = new Command("import", "Load a scenario folder into the database in one transaction: settings, posts and profiles, cases and applicants (upserted by id), bulletin, numbers or limits and usage.") { scenario, db };
        command.SetAction(parse =>
        {
            // Read and checked exactly as plan reads it: bad input writes nothing.
            if (ScenarioInput.ReadOrReport(parse.GetValue(scenario)!.FullName, error) is not { } read)
            {
                return ExitCodes.BadInput;
            }
            using var stop = new Database.StopSignal(error, "the import is rolled back");
            return Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), create: true, stop.Token);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                Storage.ImportSummary summary;
                try
                {
                    summary = await store.ImportAsync(read.Inputs!, stop.Token);
                }
                catch (Storage.ApplicantsMovedException refused)
                {
                    foreach (var line in Storage.ApplicantMoves.Lines(refused, parse.GetValue(scenario)!.FullName))
                    {
                        error.WriteLine(line);
                    }
                    return ExitCodes.BadInput;
                }
                var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                output.WriteLine($"imported {Files.Input.Values.Format(read.Inputs!.Month)}: {summary.Posts} posts, {summary.Cases:N0} cases " +
                    $"({summary.NewCases:N0} new, {summary.UpdatedCases:N0} updated), {summary.Applicants:N0} applicants -> {store.Kind} " +
                    $"in {seconds:0.00} s ({summary.Cases / seconds:N0} cases/s)");
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var month = Database.MonthOption();
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The folder to write: new or empty (an existing scenario folder is never overwritten).", Required = true };
        var db = Database.Option();
        var command = new Command("export", "Write a month as a scenario folder; with a committed batch, the scenario as the batch read it and its schedule beside it (verify DIR DIR judges it).") { month, outDir, db };
        command.SetAction(parse =>
        {
            if (!Database.TryMonth(parse.GetValue(month), error, out var m))
            {
                return ExitCodes.BadInput;
            }
            var target = parse.GetValue(outDir)!.FullName;
            if (MonthExport.WhyNotWritable(target) is { } refused)
            {
                error.WriteLine($"--out {refused}");
                return ExitCodes.BadInput;
            }
            return Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), CancellationToken.None);
                try
                {
                    var batch = await MonthExport.ExportAsync(store, m, target);
                    output.WriteLine(batch is null
                        ? $"exported {Files.Input.Values.Format(m)}: the scenario as the database holds it (no committed batch) -> {target}"
                        : $"exported {Files.Input.Values.Format(m)}: batch {batch.Id} (committed {batch.Ended}), its scenario and schedule -> {target}");
                    return ExitCodes.Success;
                }
                catch (KeyNotFoundException e)
                {
                    error.WriteLine(e.Message);
                    return ExitCodes.BadInput;
                }
            });
        });
        return command;
    }

    /// <summary>Runs an asynchronous verb body to completion.</summary>
    public static int Run(Func<Task<int>> body) => body().GetAwaiter().GetResult();
}

using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NodaTime;
using Scheduler.Analysis;
using Scheduler.Analysis.Report;
using Scheduler.Analysis.WhatIf;
using Scheduler.Batches;
using Scheduler.Core;
using Scheduler.Core.Scheduling;
using Scheduler.Files.Input;
using Scheduler.Files.Output;

namespace Scheduler.Cli.Commands;

/// <summary><c>report SCENARIO SCHEDULE --html FILE [--diff DIFF]</c> and <c>report --month M [--db C] --html FILE
/// [--diff DIFF]</c>: a schedule (from files, or a month's committed batch) as one self-contained HTML page.
/// Bad input writes nothing; the page is written to a temporary file and moved into place.</summary>
internal static class ReportCommand
{
    /// <summary>A schedule to report and what belongs with it.</summary>
    private sealed record Source(Scenario Scenario, Schedule Schedule, JsonDocument? Summary, Func<string?> InputHash);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo?>("SCENARIO") { Description = "The scenario folder (not with --month).", Arity = ArgumentArity.ZeroOrOne };
        var schedule = new Argument<DirectoryInfo?>("SCHEDULE") { Description = "The schedule (output) folder (not with --month).", Arity = ArgumentArity.ZeroOrOne };
        var html = new Option<FileInfo>("--html") { Description = "The HTML file to write (replaced if it exists).", Required = true };
        var diff = new Option<FileInfo?>("--diff") { Description = "A what-if's diff.json to show beside the schedule." };
        var month = Database.MonthOption(required: false);
        var db = Database.Option();
        var command = new Command("report", "Write a schedule as one self-contained HTML page: the run, the month's figures, per post a calendar of seats, the mix, priority dates reached and reasons; a what-if's diff beside it.")
        {
            scenario, schedule, html, diff, month, db,
        };
        command.SetAction(parse =>
        {
            var fromFiles = parse.GetValue(scenario) is not null || parse.GetValue(schedule) is not null;
            var fromDatabase = parse.GetValue(month) is not null;
            if (fromFiles == fromDatabase || (fromFiles && (parse.GetValue(scenario) is null || parse.GetValue(schedule) is null)))
            {
                error.WriteLine("usage: scheduler report SCENARIO SCHEDULE --html FILE [--diff DIFF], or scheduler report --month M [--db C] --html FILE [--diff DIFF]");
                return ExitCodes.BadInput;
            }
            if (fromFiles && parse.GetValue(db) is not null)
            {
                error.WriteLine("--db: only with --month (a schedule folder is read from files)");
                return ExitCodes.BadInput;
            }
            var target = parse.GetValue(html)!.FullName;
            if (Directory.Exists(target) || !Directory.Exists(Path.GetDirectoryName(target)))
            {
                error.WriteLine($"--html {target}: {(Directory.Exists(target) ? "is a folder" : "its folder does not exist")}");
                return ExitCodes.BadInput;
            }
            WhatIfDiff? whatIf = null;
            if (parse.GetValue(diff) is { } diffFile)
            {
                var (read, problem) = DiffFile.Read(diffFile.FullName);
                if (problem is not null)
                {
                    error.WriteLine(problem);
                    return ExitCodes.BadInput;
                }
                whatIf = read;
            }
            var clock = Stopwatch.StartNew();
            Source? source;
            if (fromFiles)
            {
                source = FromFiles(parse.GetValue(scenario)!.FullName, parse.GetValue(schedule)!.FullName, error);
            }
            else
            {
                if (!Database.TryMonth(parse.GetValue(month), error, out var m))
                {
                    return ExitCodes.BadInput;
                }
                source = FromDatabaseAsync(parse.GetValue(db), m, error).GetAwaiter().GetResult();
            }
            if (source is null)
            {
                return ExitCodes.BadInput;
            }
            using var summary = source.Summary;
            // Hashed once at most: the check asks when the summary names a hash, the metadata when it does not.
            var scenarioHash = new Lazy<string?>(source.InputHash);
            var run = RunMetadata.From(source.Scenario, summary, () => scenarioHash.Value);
            if (ReportModel.TryBuild(source.Scenario, source.Schedule, summary, run, whatIf, out var mismatches) is not { } model)
            {
                error.WriteLine("the schedule is not one of this scenario:");
                foreach (var problem in mismatches)
                {
                    error.WriteLine(problem);
                }
                return ExitCodes.BadInput;
            }
            if (ScheduleMatch.InputHashProblem(summary, () => scenarioHash.Value) is { } otherInputs)
            {
                error.WriteLine("the schedule is not one of this scenario:");
                error.WriteLine(otherInputs);
                return ExitCodes.BadInput;
            }
            if (whatIf is not null && DiffFile.WhyNotOf(whatIf, run) is { } notThisRun)
            {
                error.WriteLine($"--diff {parse.GetValue(diff)!.FullName}: {notThisRun}");
                return ExitCodes.BadInput;
            }
            var page = HtmlReport.Render(model);
            // Written beside its target and moved into place: a reader never sees half a page.
            OutputFolder.WriteFileAtomically(target, page);
            var bytes = new FileInfo(target).Length;
            output.WriteLine($"report {run.Month}: {target} ({bytes:N0} bytes, {clock.Elapsed.TotalSeconds:0.0} s)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Source? FromFiles(string scenarioDirectory, string scheduleDirectory, TextWriter error)
    {
        if (ScenarioInput.ReadOrReport(scenarioDirectory, error) is not { } read)
        {
            return null;
        }
        var schedule = ScheduleReader.Read(scheduleDirectory);
        if (!schedule.Succeeded)
        {
            foreach (var line in schedule.Problems.Lines())
            {
                error.WriteLine(line);
            }
            schedule.Summary?.Dispose();
            return null;
        }
        return new Source(read.Scenario!, schedule.Schedule!, schedule.Summary, () => ScenarioHash.Of(read.Inputs!));
    }

    /// <summary>The month's committed batch: its scenario from the input files it read (with the
    /// <c>numbers.csv</c> it used when its pools were derived, since other months' usage went into them),
    /// its schedule and its <c>summary.json</c>.</summary>
    private static async Task<Source?> FromDatabaseAsync(string? db, YearMonth month, TextWriter error)
    {
        await using var store = await Database.OpenAsync(db, CancellationToken.None);
        var committed = await store.ReadCommittedBatchAsync(month);
        var text = Values.Format(month);
        if (committed is null)
        {
            error.WriteLine($"month {text}: no committed batch in the database (run --month {text} commits one)");
            return null;
        }
        var folder = Path.Combine(Path.GetTempPath(), "scheduler-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = ScenarioPackage.Unpack(committed.InputFiles);
            foreach (var (name, content) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, Path.GetFileName(name)), content);
            }
            if (committed.NumbersCsv is { Length: > 0 } numbers && !files.Any(f => f.Name == "numbers.csv"))
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, "numbers.csv"), numbers);
            }
            if (ScenarioInput.ReadOrReport(folder, error) is not { } read)
            {
                error.WriteLine($"month {text}: batch {committed.Batch.Id}'s input files do not read back");
                return null;
            }
            JsonDocument? summary = null;
            try
            {
                summary = committed.SummaryJson.Length > 0 ? JsonDocument.Parse(committed.SummaryJson) : null;
            }
            catch (JsonException e)
            {
                error.WriteLine($"month {text}: batch {committed.Batch.Id}'s summary.json does not parse ({e.Message}); the report names what it can compute");
            }
            var inputs = read.Inputs!;
            return new Source(read.Scenario!, committed.Schedule, summary, () => committed.Batch.InputHash ?? ScenarioHash.Of(inputs));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.CommandLine;
using Scheduler.Batches;

namespace Scheduler.Cli.Commands;

/// <summary><c>db import SCENARIO [--db C]</c>, <c>db export --month M --out DIR [--db C]</c>, and <c>db withdraw</c> /
/// <c>db reinstate</c> for cases the case system no longer sends to interview.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("db", "Move a month between scenario files and the database; withdraw and reinstate cases.")
        {
            Import(output, error), Export(output, error), Withdrawals(output, error, withdraw: true), Withdrawals(output, error, withdraw: false),
        };

    private static Command Withdrawals(TextWriter output, TextWriter error, bool withdraw)
    {
        var ids = new Argument<string[]>("CASE_ID") { Description = "Case ids.", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<FileInfo?>("--file") { Description = "A file of case ids, one a line (a first line 'case_id', blank lines and lines starting with # are skipped)." };
        var reason = new Option<string?>("--reason") { Description = "Why the cases leave (kept with them and in the audit log).", Required = withdraw };
        var on = new Option<string?>("--on") { Description = "The date of the withdrawal, yyyy-MM-dd (default: today, UTC)." };
        var db = Database.Option();
        var command = withdraw
            ? new Command("withdraw", "Withdraw cases the case system no longer sends to interview (withdrawn, terminated, issued elsewhere): kept with the date and reason, offered to no month read after this, a committed seat kept. All or nothing: an unknown id writes nothing.") { ids, file, reason, on, db }
            : new Command("reinstate", "Offer withdrawn cases again from the next month read. All or nothing: an unknown id writes nothing.") { ids, file, db };
        command.SetAction(parse =>
        {
            var given = new List<(string Id, string Where)>();
            foreach (var id in parse.GetValue(ids) ?? [])
            {
                given.Add((id, $"case '{id}'"));
            }
            if (parse.GetValue(file) is { } list && !TryReadIds(list, given, error))
            {
                return ExitCodes.BadInput;
            }
            if (given.Count == 0)
            {
                error.WriteLine("no case ids: give them as arguments or in --file");
                return ExitCodes.BadInput;
            }
            var date = NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date;
            if (withdraw && parse.GetValue(on) is { } text && !Files.Input.Values.TryDate(text, out date))
            {
                error.WriteLine($"--on: expected yyyy-MM-dd, got '{text}'");
                return ExitCodes.BadInput;
            }
            if (withdraw && string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                error.WriteLine("--reason: must say why the cases leave");
                return ExitCodes.BadInput;
            }
            return Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), CancellationToken.None);
                var actor = $"cli:{Environment.UserName}";
                List<Core.Cases.CaseId> caseIds = [.. given.Select(g => new Core.Cases.CaseId(g.Id))];
                try
                {
                    var summary = withdraw
                        ? await store.WithdrawCasesAsync(caseIds, date, parse.GetValue(reason)!.Trim(), actor)
                        : await store.ReinstateCasesAsync(caseIds, actor);
                    output.WriteLine(withdraw
                        ? $"withdrew {summary.Changed:N0} case(s) on {Files.Input.Values.Format(date)} ({summary.Unchanged:N0} already withdrawn) -> {store.Kind}"
                        : $"reinstated {summary.Changed:N0} case(s) ({summary.Unchanged:N0} not withdrawn) -> {store.Kind}");
                    return ExitCodes.Success;
                }
                catch (Storage.UnknownCasesException refused)
                {
                    var unknown = refused.Unknown.ToHashSet(StringComparer.Ordinal);
                    foreach (var (_, where) in given.Where(g => unknown.Remove(g.Id)))
                    {
                        error.WriteLine($"{where}: not in the database");
                    }
                    error.WriteLine("nothing was written");
                    return ExitCodes.BadInput;
                }
            });
        });
        return command;
    }

    /// <summary>The case ids of <paramref name="file"/>, each with where it stands (file:line), into <paramref name="ids"/>;
    /// false (with the problems printed) when a line is not one id.</summary>
    private static bool TryReadIds(FileInfo file, List<(string Id, string Where)> ids, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"--file: {file.FullName} does not exist");
            return false;
        }
        var ok = true;
        var number = 0;
        foreach (var raw in File.ReadLines(file.FullName))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || (number == 1 && line == "case_id"))
            {
                continue;
            }
            if (line.Any(c => char.IsWhiteSpace(c) || c is ',' or ';' or '"'))
            {
                error.WriteLine($"{file.FullName}:{number}: case_id: expected one case id, got '{line}'");
                ok = false;
                continue;
            }
            ids.Add((line, $"{file.FullName}:{number}: case_id '{line}'"));
        }
        return ok;
    }

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
            using var stop = new StopSignal(error, "the import is rolled back");
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
                if (summary.WithdrawnCases > 0)
                {
                    output.WriteLine($"{summary.WithdrawnCases:N0} of the imported cases are withdrawn and stay so (db reinstate offers them again)");
                }
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

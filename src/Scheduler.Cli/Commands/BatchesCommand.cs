using System.CommandLine;
using System.Globalization;
using NodaTime;
using Scheduler.Files.Input;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary><c>batches list [--month M] [--db C]</c> and <c>batches show ID [--db C]</c>: the ledger.</summary>
internal static class BatchesCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("batches", "The ledger of batches: every run, committed, superseded, failed, stopped or abandoned.") { List(output, error), Show(output, error) };

    private static Command List(TextWriter output, TextWriter error)
    {
        var month = Database.MonthOption(required: false);
        var db = Database.Option();
        var command = new Command("list", "One line per batch, newest first.") { month, db };
        command.SetAction(parse =>
        {
            YearMonth? only = null;
            if (parse.GetValue(month) is { } text)
            {
                if (!Database.TryMonth(text, error, out var m))
                {
                    return ExitCodes.BadInput;
                }
                only = m;
            }
            return DbCommand.Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), CancellationToken.None);
                var batches = await store.ListBatchesAsync(only);
                output.WriteLine($"{"id",6}  {"month",-7}  {"status",-10}  {"as of",-10}  {"solver",-6}  {"seed",4}  {"started",-20}  {"ended",-20}  {"seated",8}  {"seats",8}  message");
                foreach (var b in batches.OrderByDescending(b => b.Id))
                {
                    output.WriteLine(Line(b));
                }
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var id = new Argument<long>("ID") { Description = "The batch id." };
        var db = Database.Option();
        var command = new Command("show", "Everything the ledger holds about one batch.") { id, db };
        command.SetAction(parse => DbCommand.Run(async () =>
        {
            await using var store = await Database.OpenAsync(parse.GetValue(db), CancellationToken.None);
            if (await store.GetBatchAsync(parse.GetValue(id)) is not { } b)
            {
                error.WriteLine($"batch {parse.GetValue(id)}: not in the ledger");
                return ExitCodes.BadInput;
            }
            output.WriteLine($"batch {b.Id}");
            output.WriteLine($"  month           {Values.Format(b.Month)}");
            output.WriteLine($"  status          {b.Status.ToString().ToLowerInvariant()}{(b.SupersededBy is { } by ? $" (by batch {by})" : "")}");
            output.WriteLine($"  as of           {Values.Format(b.AsOf)}");
            output.WriteLine($"  solver, seed    {b.Solver}, {b.Seed}");
            output.WriteLine($"  engine version  {b.EngineVersion}");
            output.WriteLine($"  input hash      {b.InputHash ?? "-"}");
            output.WriteLine($"  started         {b.Started}");
            output.WriteLine($"  ended           {(b.Ended is { } e ? e.ToString() : "-")}");
            if (b.Figures is { } f)
            {
                output.WriteLine($"  seated          {f.ScheduledCases:N0} cases, {f.ScheduledApplicants:N0} of {f.Capacity:N0} seats");
                output.WriteLine($"  FIFO inversions {f.FifoInversions}");
                output.WriteLine($"  solve           {f.SolverStatus ?? "-"}{(f.Gap is { } g ? $", gap {g.ToString("P2", CultureInfo.InvariantCulture)}" : "")}, plan {f.PlanMs:N0} ms");
            }
            var (kept, bytes) = await store.CountBatchSearchesAsync(b.Id);
            output.WriteLine($"  solver answers  {(kept == 0 ? "none kept" : $"{kept:N0} kept ({Math.Max(1, bytes / 1024):N0} KB), for what-ifs of the month (whatif --month)")}");
            if (b.Message is { } message)
            {
                output.WriteLine($"  message         {message}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Line(BatchRecord b) =>
        $"{b.Id,6}  {Values.Format(b.Month),-7}  {b.Status.ToString().ToLowerInvariant(),-10}  {Values.Format(b.AsOf),-10}  {b.Solver,-6}  {b.Seed,4}  " +
        $"{Stamp(b.Started),-20}  {(b.Ended is { } e ? Stamp(e) : "-"),-20}  {(b.Figures?.ScheduledApplicants.ToString("N0", CultureInfo.InvariantCulture) ?? "-"),8}  " +
        $"{(b.Figures?.Capacity.ToString("N0", CultureInfo.InvariantCulture) ?? "-"),8}  {b.Message ?? ""}";

    private static string Stamp(Instant instant) => instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Text;
using Scheduler.Core.Bulletin;
using Scheduler.Files.Bulletin;
using Scheduler.Files.Input;
using Scheduler.Files.Output;

namespace Scheduler.Cli.Commands;

/// <summary><c>bulletin import FILE --out bulletin.csv</c> and <c>bulletin suggest SCENARIO --out FILE</c>.</summary>
internal static class BulletinCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("bulletin", "Visa Bulletin Final Action Dates: import a published table, or suggest the month's dates.");
        command.Subcommands.Add(Import(output, error));
        command.Subcommands.Add(Suggest(output, error));
        return command;
    }

    private static Command Import(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The bulletin as copied from the State Department's page: its tables, or the whole page." };
        var outFile = new Option<FileInfo>("--out") { Description = "The bulletin.csv to write.", Required = true };
        var command = new Command("import", "Turn a published Final Action table into bulletin.csv.") { file, outFile };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            var problems = new ProblemList();
            if (!File.Exists(path))
            {
                error.WriteLine($"{Path.GetFileName(path)}:0: file not found");
                return ExitCodes.BadInput;
            }
            var cells = BulletinImporter.Import(path, problems);
            if (problems.Count > 0)
            {
                foreach (var line in problems.Lines())
                {
                    error.WriteLine(line);
                }
                return ExitCodes.BadInput;
            }
            var target = parse.GetValue(outFile)!.FullName;
            OutputFolder.WriteFileAtomically(target, BulletinImporter.ToCsv(cells));
            output.WriteLine($"imported {cells.Count} Final Action cells ({cells.Count(c => c.DatesForFiling is not null)} with a Date for Filing) -> {target}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Suggest(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("SCENARIO") { Description = "The scenario folder." };
        var outFile = new Option<FileInfo>("--out") { Description = "The bulletin.csv to write.", Required = true };
        var command = new Command("suggest", "The Final Action Dates the month's numbers support, from documentarily qualified demand.") { scenario, outFile };
        command.SetAction(parse =>
        {
            if (ScenarioInput.ReadOrReport(parse.GetValue(scenario)!.FullName, error) is not { } read)
            {
                return ExitCodes.BadInput;
            }
            var cells = BulletinSuggester.Suggest(read.Scenario!);
            var text = new StringBuilder("category,chargeability,final_action\n");
            foreach (var (category, chargeability, value) in cells)
            {
                text.Append(category).Append(',').Append(chargeability).Append(',').Append(value).Append('\n');
            }
            var target = parse.GetValue(outFile)!.FullName;
            OutputFolder.WriteFileAtomically(target, text.ToString());
            foreach (var (category, chargeability, value) in cells)
            {
                output.WriteLine($"{category,-4} {chargeability,-4} {value}");
            }
            if (read.DerivedNumbers is { } derived)
            {
                output.WriteLine("numbers derived from the Act (limits.csv, usage.csv):");
                output.WriteLine($"{"cat",-4}{"annual",9}{"fall-in",9}{"passed",9}{"usedFY",9}{"usedQ",9}{"ceilQ",9}{"demand",9}{"month",9}");
                foreach (var c in derived.Categories)
                {
                    output.WriteLine($"{c.Category,-4}{c.AnnualLimit,9}{c.FallDown,9}{c.GivenDown,9}{c.UsedThisYear,9}{c.UsedThisQuarter,9}{c.QuarterCeiling,9}{c.Demand,9}{c.Month,9}");
                }
                output.WriteLine($"F2A numbers exempt from the per-country limit: Final Action Date {derived.F2AExemptCutoff} for every country" +
                    (derived.Oversubscribed.Count == 0 ? "" : $"; oversubscribed: {string.Join(", ", derived.Oversubscribed)}"));
            }
            output.WriteLine($"wrote {cells.Count} cells -> {target}");
            return ExitCodes.Success;
        });
        return command;
    }
}

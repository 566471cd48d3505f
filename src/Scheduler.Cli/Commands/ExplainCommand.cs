using System.CommandLine;
using Scheduler.Analysis;
using Scheduler.Analysis.Explain;
using Scheduler.Core.Cases;
using Scheduler.Files.Input;
using Scheduler.Files.Output;

namespace Scheduler.Cli.Commands;

/// <summary><c>explain SCENARIO SCHEDULE CASE_ID [--json]</c>: why one case is or is not seated in a
/// schedule written before, rule by rule with the figures behind each, and what would change it.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("SCENARIO") { Description = "The scenario folder." };
        var schedule = new Argument<DirectoryInfo>("SCHEDULE") { Description = "An output folder of plan for that scenario." };
        var caseId = new Argument<string>("CASE_ID") { Description = "The case to explain." };
        var json = new Option<bool>("--json") { Description = "Write the explanation as JSON only." };
        var command = new Command("explain", "Say why a case is or is not seated, with the figures behind it.") { scenario, schedule, caseId, json };
        command.SetAction(parse =>
        {
            if (ScenarioInput.ReadOrReport(parse.GetValue(scenario)!.FullName, error) is not { } read)
            {
                return ExitCodes.BadInput;
            }
            var scheduleRead = ScheduleReader.Read(parse.GetValue(schedule)!.FullName);
            if (!scheduleRead.Succeeded)
            {
                foreach (var line in scheduleRead.Problems.Lines())
                {
                    error.WriteLine(line);
                }
                return ExitCodes.BadInput;
            }
            var id = new CaseId(parse.GetValue(caseId)!);
            if (!read.Scenario!.Cases.Any(c => c.Id == id))
            {
                error.WriteLine($"explain: no case {id} in {parse.GetValue(scenario)!.FullName}");
                return ExitCodes.BadInput;
            }
            using var summary = scheduleRead.Summary;
            if (CaseExplainer.TryCreate(read.Scenario, scheduleRead.Schedule!, out var mismatches) is not { } explainer)
            {
                error.WriteLine($"explain: {parse.GetValue(schedule)!.FullName} is not a schedule of {parse.GetValue(scenario)!.FullName}:");
                foreach (var mismatch in mismatches)
                {
                    error.WriteLine($"  {mismatch}");
                }
                return ExitCodes.BadInput;
            }
            if (ScheduleMatch.InputHashProblem(summary, () => ScenarioHash.Of(read.Inputs!)) is { } otherInputs)
            {
                error.WriteLine($"explain: {parse.GetValue(schedule)!.FullName} is not a schedule of {parse.GetValue(scenario)!.FullName}:");
                error.WriteLine($"  {otherInputs}");
                return ExitCodes.BadInput;
            }
            var explanation = explainer.Explain(id);
            if (parse.GetValue(json))
            {
                output.WriteLine(ExplainJson.Write(explanation));
            }
            else
            {
                ExplanationText.Write(Terminal.For(output), explanation);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

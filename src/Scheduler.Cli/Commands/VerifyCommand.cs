using System.CommandLine;
using Scheduler.Files.Input;
using Scheduler.Verification;

namespace Scheduler.Cli.Commands;

/// <summary><c>verify SCENARIO SCHEDULE</c>: the independent check of a schedule.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("SCENARIO") { Description = "The scenario folder." };
        var schedule = new Argument<DirectoryInfo>("SCHEDULE") { Description = "The output folder to check." };
        var command = new Command("verify", "Check a schedule against every rule; exit 1 if any is broken.") { scenario, schedule };
        command.SetAction(parse =>
        {
            // The scenario must be valid input before a schedule can be judged against it; this
            // reads it only to reject bad input with the same messages as plan.
            if (ScenarioInput.ReadOrReport(parse.GetValue(scenario)!.FullName, error) is null)
            {
                return ExitCodes.BadInput;
            }
            if (!parse.GetValue(schedule)!.Exists)
            {
                // No schedule to judge is a usage error; missing files in one are a failed check.
                error.WriteLine($"{parse.GetValue(schedule)!.FullName}:0: schedule folder not found");
                return ExitCodes.BadInput;
            }
            var report = ScheduleVerifier.Verify(parse.GetValue(scenario)!.FullName, parse.GetValue(schedule)!.FullName);
            foreach (var problem in report.InputProblems)
            {
                output.WriteLine(problem);
            }
            foreach (var violation in report.Violations)
            {
                output.WriteLine($"{violation.Rule}: {violation.Message}");
            }
            output.WriteLine(report.Passed ? "verify: the schedule keeps every rule" : $"verify: {report.Violations.Count + report.InputProblems.Count} problems");
            return report.Passed ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}

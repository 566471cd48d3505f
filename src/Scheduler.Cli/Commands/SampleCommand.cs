using System.CommandLine;
using Scheduler.Files.Output;
using Scheduler.Sampling;

namespace Scheduler.Cli.Commands;

/// <summary><c>sample --profile tiny|small|medium|national --seed N --out DIR</c>.</summary>
internal static class SampleCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var profile = new Option<string>("--profile") { Description = "tiny, small, medium or national.", Required = true };
        profile.AcceptOnlyFromAmong("tiny", "small", "medium", "national");
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed writes the same files.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The scenario folder to write: new, empty, or a previous sample (replaced when complete).", Required = true };
        var command = new Command("sample", "Write a synthetic but realistic scenario folder.") { profile, seed, outDir };
        command.SetAction(parse =>
        {
            var chosen = Enum.Parse<SampleProfile>(parse.GetValue(profile)!, ignoreCase: true);
            var target = parse.GetValue(outDir)!.FullName;
            if (OutputFolder.WhyNotReplaceable(target, OutputFolder.ScenarioFiles) is { } refused)
            {
                error.WriteLine($"--out {refused}");
                return ExitCodes.BadInput;
            }
            OutputFolder.WriteAtomically(target, OutputFolder.ScenarioFiles, staging => SampleGenerator.Write(chosen, parse.GetValue(seed), staging));
            output.WriteLine($"wrote the {chosen.ToString().ToLowerInvariant()} sample (seed {parse.GetValue(seed)}) to {target}");
            return ExitCodes.Success;
        });
        return command;
    }
}

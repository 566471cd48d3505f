using Scheduler.Files.Input;

namespace Scheduler.Cli.Commands;

/// <summary>Reading a scenario for a command: every problem printed as <c>file:line: message</c>.</summary>
internal static class ScenarioInput
{
    /// <summary>The read scenario, or null after printing its problems (the command then exits 2).</summary>
    public static ScenarioReadResult? ReadOrReport(string directory, TextWriter error)
    {
        var read = ScenarioReader.Read(directory);
        foreach (var warning in read.Problems.Warnings)
        {
            error.WriteLine($"{warning.File}:{warning.Line}: warning: {warning.Message}");
        }
        if (read.Succeeded)
        {
            return read;
        }
        foreach (var line in read.Problems.Lines())
        {
            error.WriteLine(line);
        }
        return null;
    }
}

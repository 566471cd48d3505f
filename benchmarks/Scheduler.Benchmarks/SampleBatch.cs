using Scheduler.Core.Scheduling;
using Scheduler.Files.Input;
using Scheduler.Sampling;

namespace Scheduler.Benchmarks;

/// <summary>A sampled month (seed 1), written to a temporary folder and prepared once.</summary>
internal static class SampleBatch
{
    public static PreparedBatch Load(SampleProfile profile, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), name, profile.ToString());
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        SampleGenerator.Write(profile, 1, folder);
        var read = ScenarioReader.Read(folder);
        return PreparedBatch.Prepare(read.Scenario ?? throw new InvalidOperationException(string.Join('\n', read.Problems.Lines())));
    }
}

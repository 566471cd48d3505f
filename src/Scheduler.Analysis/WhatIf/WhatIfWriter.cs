using Scheduler.Batches;
using Scheduler.Files.Output;

namespace Scheduler.Analysis.WhatIf;

/// <summary>Writes a what-if's output folder, all or nothing:
/// <c>diff.json</c>; <c>baseline/schedule/</c> (and <c>baseline/scenario/</c> when the baseline came
/// from the database, having no folder of its own); per variant <c>NAME/scenario/</c> (its inputs,
/// in the spec's format, so <c>plan</c> and <c>verify</c> take it as is) and <c>NAME/schedule/</c>
/// (the spec's output files).</summary>
public static class WhatIfWriter
{
    /// <summary>The file that marks a folder as a what-if's output (so a later run may replace it).</summary>
    public const string Marker = "diff.json";

    /// <summary>Why <paramref name="directory"/> may not receive a what-if's output, or null: it must
    /// not exist, be empty, or hold a previous what-if's output.</summary>
    public static string? WhyNotReplaceable(string directory)
    {
        // The general rule (not a root, not a file, nothing but such files), with a previous what-if's
        // subfolders allowed when its marker is there.
        var refused = OutputFolder.WhyNotNewOrEmpty(directory);
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        return refused is not null && Path.GetDirectoryName(full) is not null && File.Exists(Path.Combine(full, Marker)) ? null : refused;
    }

    /// <summary>Writes the folder and returns the diff with each run's folders filled in (relative paths).</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="result">The what-if.</param>
    /// <param name="baselineScenario">The baseline's scenario folder, when it has one (written into the
    /// diff as given); null writes the baseline's scenario into the output.</param>
    public static WhatIfDiff Write(string directory, WhatIfResult result, string? baselineScenario)
    {
        ArgumentNullException.ThrowIfNull(result);
        var diff = result.Diff with
        {
            Baseline = result.Diff.Baseline with
            {
                Scenario = baselineScenario ?? $"{WhatIfRunner.BaselineName}/scenario",
                Schedule = $"{WhatIfRunner.BaselineName}/schedule",
            },
            Variants = result.Diff.Variants.Select(v => v with { Run = v.Run with { Scenario = $"{v.Run.Name}/scenario", Schedule = $"{v.Run.Name}/schedule" } }).ToList(),
        };
        OutputFolder.WriteAtomically(directory, WhyNotReplaceable, staging =>
        {
            void Schedule(WhatIfRun run)
            {
                var folder = Path.Combine(staging, run.Name, "schedule");
                Directory.CreateDirectory(folder);
                ScheduleWriter.WriteInto(folder, run.Plan.Schedule, run.Plan.Figures,
                    PlanRunInfo.For(run.Plan, (long)run.Plan.Elapsed.TotalMilliseconds, run.InputHash));
            }
            void Scenario(WhatIfRun run)
            {
                var folder = Path.Combine(staging, run.Name, "scenario");
                Directory.CreateDirectory(folder);
                foreach (var (name, content) in run.Files ?? ScenarioWriter.ToFiles(run.Inputs))
                {
                    File.WriteAllBytes(Path.Combine(folder, name), content);
                }
            }
            var writes = new List<Action> { () => Schedule(result.Baseline) };
            if (baselineScenario is null)
            {
                writes.Add(() => Scenario(result.Baseline));
            }
            foreach (var run in result.Variants)
            {
                writes.Add(() => Schedule(run));
                writes.Add(() => Scenario(run));
            }
            Parallel.ForEach(writes, write => write());
            File.WriteAllBytes(Path.Combine(staging, Marker), WhatIfJson.Write(diff));
        });
        return diff;
    }
}

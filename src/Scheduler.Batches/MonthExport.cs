using NodaTime;
using Scheduler.Files.Input;
using Scheduler.Files.Output;
using Scheduler.Storage;

namespace Scheduler.Batches;

/// <summary><c>db export</c>: a month as files. With a committed batch, the scenario exactly as the
/// batch read it and the batch's schedule beside it, so <c>verify DIR DIR</c> judges the batch;
/// without one, the month's scenario as the database holds it now.</summary>
public static class MonthExport
{
    /// <summary>Files an export folder holds.</summary>
    public static readonly IReadOnlySet<string> Files =
        new HashSet<string>(OutputFolder.ScenarioFiles.Concat(OutputFolder.ScheduleFiles), StringComparer.Ordinal);

    /// <summary>Why <paramref name="directory"/> may not be written, or null: an export goes to a new or empty
    /// folder only. A previous export cannot be told from a scenario folder someone keeps (the same file
    /// names), so replacing one could overwrite that scenario's settings and mix a schedule into it.</summary>
    public static string? WhyNotWritable(string directory) => OutputFolder.WhyNotNewOrEmpty(directory);

    /// <summary>Writes the month into <paramref name="directory"/> (new or empty, see <see cref="WhyNotWritable"/>) all or nothing; returns the
    /// committed batch exported, or null when only the scenario was; throws
    /// <see cref="KeyNotFoundException"/> when the database has no such month.</summary>
    public static async Task<BatchRecord?> ExportAsync(SchedulerStore store, YearMonth month, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.ReadCommittedBatchAsync(month, cancellationToken) is { } committed)
        {
            var files = ScenarioPackage.Unpack(committed.InputFiles);
            OutputFolder.WriteAtomically(directory, WhyNotWritable, staging =>
            {
                foreach (var (name, content) in files)
                {
                    File.WriteAllBytes(Path.Combine(staging, name), content);
                }
                ScheduleWriter.WriteInto(staging, committed.Schedule, committed.SummaryJson, committed.NumbersCsv);
            });
            return committed.Batch;
        }
        var inputs = await store.ReadMonthAsync(month, null, cancellationToken)
            ?? throw new KeyNotFoundException($"month {Values.Format(month)}: not in the database");
        OutputFolder.WriteAtomically(directory, WhyNotWritable, staging =>
        {
            foreach (var (name, content) in ScenarioWriter.ToFiles(inputs))
            {
                File.WriteAllBytes(Path.Combine(staging, name), content);
            }
        });
        return null;
    }
}

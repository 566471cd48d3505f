using Scheduler.Core;
using Scheduler.Files.Input;
using Scheduler.Tests.Shared;

namespace Scheduler.Planning.Tests;

/// <summary>The spec's hand-worked examples, as kept in tests/examples.</summary>
internal static class Examples
{
    public static string Tiny => Path.Combine(RepositoryRoot, "tests", "examples", "tiny");

    public static Scenario Read(string folder)
    {
        var read = ScenarioReader.Read(folder);
        Assert.True(read.Succeeded, string.Join('\n', read.Problems.Lines()));
        return read.Scenario!;
    }

    private static string RepositoryRoot => TestRun.RepositoryRoot;
}

/// <summary>Records every report, in order, on the reporting thread.</summary>
internal sealed class RecordingProgress : IProgress<PlanProgress>
{
    private readonly List<PlanProgress> _reports = [];

    public IReadOnlyList<PlanProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(PlanProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}

/// <summary>A clock on which an hour passes every time it is read: any time limit has passed by
/// the time the search asks, whatever the machine's speed.</summary>
internal sealed class HourPerReadClock : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _now, TimeSpan.TicksPerHour);
}

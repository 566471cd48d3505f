using BenchmarkDotNet.Attributes;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Sampling;

namespace Scheduler.Benchmarks;

/// <summary>First-fit planning of a sampled month: preparing the batch and planning it.</summary>
[MemoryDiagnoser]
public class GreedyBenchmarks
{
    private PreparedBatch _batch = null!;

    /// <summary>The sample profile planned.</summary>
    [Params(SampleProfile.Small, SampleProfile.Medium)]
    public SampleProfile Profile { get; set; }

    /// <summary>Writes the sample (seed 1) and reads it once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _batch = SampleBatch.Load(Profile, "scheduler-bench");
    }

    /// <summary>Flattening the scenario into the solver's facts.</summary>
    [Benchmark]
    public int Prepare() => PreparedBatch.Prepare(_batch.Scenario).Cases.Length;

    /// <summary>The whole first-fit plan on two workers.</summary>
    [Benchmark(Baseline = true)]
    public Schedule PlanGreedy() => GreedyScheduler.Plan(_batch, workers: 2);
}

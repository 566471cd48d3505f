using BenchmarkDotNet.Attributes;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Sampling;
using Scheduler.Solver;

namespace Scheduler.Benchmarks;

/// <summary>CP-SAT against its first-fit baseline: building every post's model, and the whole plan
/// (first fit, models, solves, checks) on two workers.</summary>
[MemoryDiagnoser]
public class CpSatBenchmarks
{
    private PreparedBatch _batch = null!;
    private Booking _firstFit = null!;
    private PostQueues _queues = null!;
    private bool[] _laterHolder = [];

    /// <summary>The sample profile planned.</summary>
    [Params(SampleProfile.Small, SampleProfile.Medium)]
    public SampleProfile Profile { get; set; }

    /// <summary>Writes the sample (seed 1), reads it, and plans first fit once for the model benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _batch = SampleBatch.Load(Profile, "scheduler-bench-cpsat");
        _firstFit = GreedyScheduler.Book(_batch, 2);
        _queues = _batch.Queues;
        _laterHolder = CpSatScheduler.LaterHolders(_batch, _firstFit.SessionOf);
    }

    /// <summary>First fit, the baseline.</summary>
    [Benchmark(Baseline = true)]
    public Schedule PlanGreedy() => GreedyScheduler.Plan(_batch, workers: 2);

    /// <summary>Building every post's model from first fit's month (no solving).</summary>
    [Benchmark]
    public int BuildModels()
    {
        var classes = 0;
        for (var p = 0; p < _batch.Posts.Length; p++)
        {
            var model = new PostModel(_batch, _queues, p, _firstFit.SessionOf, _firstFit.PoolLeft, _laterHolder);
            model.Build();
            classes += model.ClassCount;
        }
        return classes;
    }

    /// <summary>The whole CP-SAT plan.</summary>
    [Benchmark]
    public Schedule PlanCpSat() => CpSatScheduler.Plan(_batch, new CpSatOptions(Seed: 1, Workers: 2)).Schedule;
}

using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Scheduler.Benchmarks.GreedyBenchmarks).Assembly).Run(args);

using System.Diagnostics;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;
using Xunit.Abstractions;

namespace Scheduler.Storage.Tests;

/// <summary>Times import, snapshot read and commit on a scenario folder named by <c>SCHEDULER_STORAGE_PERF_SCENARIO</c>
/// (e.g. <c>scheduler sample --profile national</c>); skipped without it. Prints the times, asserts only the round trip.</summary>
public sealed class NationalSizeTests(ITestOutputHelper output)
{
    private const string Variable = "SCHEDULER_STORAGE_PERF_SCENARIO";

    [SkippableFact]
    public Task Sqlite_NationalScenario_ImportReadCommit() => RunAsync(new SqliteTestDatabase());

    [SkippableFact]
    public Task PostgreSql_NationalScenario_ImportReadCommit() => RunAsync(new PostgresTestDatabase());

    private async Task RunAsync(ITestDatabase database)
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(folder), $"set {Variable} to a scenario folder to time the store at that size");
        var read = ScenarioReader.Read(folder);
        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        var scenario = read.Scenario!;
        var charges = scenario.Cases.Select(c => c.Chargeability).Append("ALL").Distinct().Order(StringComparer.Ordinal).ToList();
        var bulletin = Enum.GetValues<VisaCategory>()
            .SelectMany(c => charges.Select(ch => (c, ch, Cell: scenario.Bulletin.CellFor(c, ch))))
            .Where(x => x.Cell is not null && (x.ch == "ALL" || x.Cell != scenario.Bulletin.CellFor(x.c, "ALL")))
            .Select(x => new BulletinEntry(x.c, x.ch, x.Cell!.Value))
            .ToList();
        var inputs = new ScenarioInputs(scenario.Month, scenario.AsOf, scenario.Posts, scenario.Cases, bulletin,
            new NumbersInput { Pools = scenario.Numbers.Pools.Select(p => new NumberPoolEntry(p.Key.Category, p.Key.Chargeability, p.Value)).ToList() });

        await using var db = await database.CreateAsync();
        var clock = Stopwatch.StartNew();
        var summary = await db.Store.ImportAsync(inputs);
        var import = clock.Elapsed;
        clock.Restart();
        var again = await db.Store.ImportAsync(inputs);
        var reimport = clock.Elapsed;
        clock.Restart();
        var month = await db.Store.ReadMonthAsync(scenario.Month);
        var readTime = clock.Elapsed;
        Assert.Equal(inputs.Cases.Count, month!.Cases.Count);
        Assert.Equal(summary.Cases, again.UpdatedCases);

        var seated = inputs.Cases.Where(c => c.Post is not null && c.Applicants.Any(a => a.Traveling)).Take(55_000).ToList();
        var seatedIds = seated.Select(c => c.Id).ToHashSet();
        var schedule = Samples.ScheduleOf(seated, inputs.Cases.Where(c => !seatedIds.Contains(c.Id)), scenario.Month.OnDayOfMonth(20));
        clock.Restart();
        await using (var lease = await db.Store.TryBeginBatchAsync(new BatchRequest(scenario.Month, scenario.AsOf, 1, "greedy", 1, false, "perf")))
            await db.Store.CommitBatchAsync(lease!, Samples.Outcome(schedule));
        var commit = clock.Elapsed;
        clock.Restart();
        var committed = await db.Store.ReadCommittedBatchAsync(scenario.Month);
        var readBatch = clock.Elapsed;
        Assert.Equal(schedule.Unscheduled.Count, committed!.Schedule.Unscheduled.Count);

        output.WriteLine($"{db.Store.Kind}: {summary.Cases:N0} cases, {summary.Applicants:N0} applicants, {summary.Posts} posts");
        output.WriteLine($"  import {import.TotalSeconds:F2} s ({summary.Cases / import.TotalSeconds:N0} cases/s), re-import (all updates) {reimport.TotalSeconds:F2} s");
        output.WriteLine($"  read month {readTime.TotalSeconds:F2} s");
        output.WriteLine($"  commit {commit.TotalSeconds:F2} s ({schedule.Appointments.Count:N0} appointments, {schedule.Allocations.Count:N0} allocations, {schedule.Unscheduled.Count:N0} unscheduled)");
        output.WriteLine($"  read committed batch {readBatch.TotalSeconds:F2} s");
    }
}

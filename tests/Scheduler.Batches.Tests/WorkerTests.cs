using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Planning;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using Scheduler.Batches.Tests.Support;
using Scheduler.Worker;

namespace Scheduler.Batches.Tests;

/// <summary>The hosted worker: configuration checked at start, a month run on its day and never twice,
/// with the day read from an injected clock (no waiting).</summary>
public class WorkerTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Theory]
    [InlineData("--Scheduler:RunDay=40", "RunDay")]
    [InlineData("--Scheduler:TimeZone=Mars/Olympus", "TimeZone")]
    [InlineData("--Scheduler:Solver=magic", "Solver")]
    [InlineData("--Scheduler:Workers=0", "Workers")]
    public async Task Start_BadConfiguration_StopsWithAMessageNamingTheSetting(string argument, string setting)
    {
        var folder = ScenarioFolders.NewTemp();
        using var host = Scheduler.Worker.Program.Build([argument, $"--Scheduler:Database={Path.Combine(folder, "w.db")}"]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(setting, string.Join("\n", error.Failures));
    }

    [Fact]
    public async Task Start_GoodConfiguration_Starts()
    {
        var folder = ScenarioFolders.NewTemp();
        // A poll interval of a day: the first look finds nothing due in an empty database.
        using var host = Scheduler.Worker.Program.Build([$"--Scheduler:Database={Path.Combine(folder, "w.db")}", "--Scheduler:PollInterval=1.00:00:00"]);
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task RunDueAsync_BeforeOnAndAfterTheRunDay_RunsTheMonthOnceOnItsDay()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        // The tiny example is December 2026 as of 2026-11-16; NVC's calendar is New York's.
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 16, 4, 0, 0, TimeSpan.Zero));   // 15 November, 23:00 in New York
        var settings = new WorkerOptions { RunDay = 16, TimeZone = "America/New_York", Workers = 1 };
        var worker = new MonthlyBatchWorker(db.Store, new BatchRunner(db.Store, new MonthlyPlanner(clock), clock),
            Options.Create(settings), clock, NullLogger<MonthlyBatchWorker>.Instance);

        Assert.Equal(0, await worker.RunDueAsync(settings, CancellationToken.None));
        Assert.Empty(await db.Store.ListBatchesAsync());

        clock.Now = new DateTimeOffset(2026, 11, 16, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await worker.RunDueAsync(settings, CancellationToken.None));
        clock.Now = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await worker.RunDueAsync(settings, CancellationToken.None));

        var batches = await db.Store.ListBatchesAsync();
        var only = Assert.Single(batches);
        Assert.Equal((BatchStatus.Committed, new YearMonth(2026, 12), new LocalDate(2026, 11, 16)), (only.Status, only.Month, only.AsOf));
        Assert.Equal(27, only.Figures!.ScheduledApplicants);
        BatchChecks.AssertExportVerifies(db.Connection, "2026-12");
    }

    [Fact]
    public async Task RunDueAsync_WorkerDownOnTheRunDay_CatchesUpAsOfTheDayItRuns_AndKeepsEveryPostsNoticeFromThatDay()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero));
        var settings = new WorkerOptions { RunDay = 16, Workers = 1 };
        var worker = new MonthlyBatchWorker(db.Store, new BatchRunner(db.Store, new MonthlyPlanner(clock), clock),
            Options.Create(settings), clock, NullLogger<MonthlyBatchWorker>.Instance);

        Assert.Equal(1, await worker.RunDueAsync(settings, CancellationToken.None));
        var batch = Assert.Single(await db.Store.ListBatchesAsync());
        // The tiny month was imported as of 2026-11-16 and is caught up on the 27th: notice counts from the 27th.
        var ranOn = new LocalDate(2026, 11, 27);
        Assert.Equal(ranOn, batch.AsOf);
        var notice = (await db.Store.ReadMonthAsync(new YearMonth(2026, 12)))!.Posts.ToDictionary(p => p.Code, p => p.MinNoticeDays);
        var committed = await db.Store.ReadCommittedBatchAsync(new YearMonth(2026, 12));
        Assert.NotEmpty(committed!.Schedule.Appointments);
        Assert.All(committed.Schedule.Appointments, a => Assert.True(a.Date >= ranOn.PlusDays(notice[a.Post]),
            $"{a.CaseId} at {a.Post} on {a.Date}: less than {notice[a.Post]} days after {ranOn}"));
        BatchChecks.AssertExportVerifies(db.Connection, "2026-12");
    }

    [Theory]
    [InlineData("--Scheduler:RunDay=abc")]
    [InlineData("--Scheduler:Seed=abc")]
    [InlineData("--Scheduler:PollInterval=xyz")]
    public async Task Main_NonNumericSetting_Exit2(string argument)
    {
        var db = Path.Combine(ScenarioFolders.NewTemp(), "w.db");
        Assert.Equal(2, await Scheduler.Worker.Program.Main([argument, $"--Scheduler:Database={db}"]));
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Main_DatabaseInAMissingFolder_Exit2NamingIt()
    {
        var db = Path.Combine(ScenarioFolders.NewTemp(), "missing", "w.db");
        Assert.Equal(2, await Scheduler.Worker.Program.Main([$"--Scheduler:Database={db}", "--Scheduler:PollInterval=1.00:00:00"]));
        var problem = await Scheduler.Worker.Program.CheckDatabaseAsync(new WorkerOptions { Database = db }, TimeProvider.System);
        Assert.Contains(Path.GetDirectoryName(db)!, problem);
    }

    [Fact]
    public async Task CheckDatabaseAsync_PostgreSqlOnAClosedPort_SaysWhy() =>
        Assert.Contains("Failed to connect to 127.0.0.1:1",
            await Scheduler.Worker.Program.CheckDatabaseAsync(new WorkerOptions { Database = "Host=127.0.0.1;Port=1;Username=x" }, TimeProvider.System));

    /// <summary>A clock whose timers fire only when the test says, and which tells when the worker starts waiting.</summary>
    private sealed class StepClock : TimeProvider
    {
        public global::System.Threading.Channels.Channel<(TimerCallback Callback, object? State)> Waits { get; } =
            global::System.Threading.Channels.Channel.CreateUnbounded<(TimerCallback, object?)>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Waits.Writer.TryWrite((callback, state));
            return new Idle();
        }

        private sealed class Idle : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Execute_DatabaseFailsWhileRunning_LogsAndLooksAgainAtTheNextCheck()
    {
        // A database that fails at every look: the worker must wait for its next check, twice, and not end.
        await using var store = SchedulerStore.Open("Host=127.0.0.1;Port=1;Username=x");
        var clock = new StepClock();
        var settings = new WorkerOptions { Workers = 1, PollInterval = TimeSpan.FromMinutes(1) };
        using var worker = new MonthlyBatchWorker(store, new BatchRunner(store, new MonthlyPlanner(clock), clock),
            Options.Create(settings), clock, NullLogger<MonthlyBatchWorker>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await worker.StartAsync(CancellationToken.None);
        var first = await clock.Waits.Reader.ReadAsync(timeout.Token);
        Assert.False(worker.ExecuteTask!.IsCompleted);
        first.Callback(first.State);
        _ = await clock.Waits.Reader.ReadAsync(timeout.Token);
        Assert.False(worker.ExecuteTask.IsCompleted);

        await worker.StopAsync(CancellationToken.None);
        Assert.True(worker.ExecuteTask.IsCompletedSuccessfully);
    }
}

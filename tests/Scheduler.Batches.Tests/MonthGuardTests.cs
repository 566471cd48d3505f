using NodaTime;
using Scheduler.Storage;
using Scheduler.Storage.Tests;
using Scheduler.Tests.Shared;

namespace Scheduler.Batches.Tests;

/// <summary><c>run</c> refuses, with exit 2, no ledger line and the month left free, a month whose data
/// is not there (no bulletin, nothing imported), a run date after the month, and re-planning a month
/// that a later committed month was planned after.</summary>
public class MonthGuardTests
{
    [Fact]
    public async Task Run_NoBulletinForTheMonth_Exit2AndTheMonthStaysFree()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);

        var run = ScenarioFolders.Cli("run", "--month", "2027-02", "--as-of", "2027-01-16", "--db", db.Connection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("month 2027-02: no Visa Bulletin", run.Error, StringComparison.Ordinal);
        Assert.Empty(await db.Store.ListBatchesAsync());
    }

    [Fact]
    public async Task Run_AsOfAfterTheMonthsEnd_Exit2()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);

        var run = ScenarioFolders.Cli("run", "--month", "2026-12", "--as-of", "2027-03-01", "--db", db.Connection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("as of 2027-03-01 is after the month's end", run.Error, StringComparison.Ordinal);
        Assert.Empty(await db.Store.ListBatchesAsync());
    }

    [Fact]
    public async Task Run_NothingImported_Exit2AndNoBatchCommitted()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();

        var run = ScenarioFolders.Cli("run", "--month", "2026-12", "--as-of", "2026-11-16", "--db", db.Connection);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain(await db.Store.ListBatchesAsync(), b => b.Status == BatchStatus.Committed);
    }

    [Fact]
    public async Task RunForce_EarlierMonthAfterALaterOneCommitted_Exit2NamingTheLaterBatch()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        Assert.Equal(0, ScenarioFolders.Cli("run", "--month", "2026-12", "--workers", "1", "--db", db.Connection).ExitCode);
        var january = TestRun.CopyFiles(ScenarioFolders.Tiny, ScenarioFolders.NewTemp());
        File.WriteAllText(Path.Combine(january, "settings.json"), """{ "month": "2027-01", "asOf": "2026-12-16" }""");
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", january, "--db", db.Connection).ExitCode);
        var runJanuary = ScenarioFolders.Cli("run", "--month", "2027-01", "--workers", "1", "--db", db.Connection);
        Assert.True(runJanuary.ExitCode == 0, runJanuary.Error);
        var januaryBatch = (await db.Store.ListBatchesAsync(new YearMonth(2027, 1))).Single(b => b.Status == BatchStatus.Committed);

        var force = ScenarioFolders.Cli("run", "--month", "2026-12", "--force", "--workers", "1", "--db", db.Connection);

        Assert.Equal(2, force.ExitCode);
        Assert.Contains($"2027-01 (batch {januaryBatch.Id})", force.Error, StringComparison.Ordinal);
        Assert.Single(await db.Store.ListBatchesAsync(new YearMonth(2026, 12)));
    }
}

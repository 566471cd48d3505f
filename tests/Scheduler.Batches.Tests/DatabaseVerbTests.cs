using NodaTime;
using Scheduler.Batches.Tests.Support;
using Scheduler.Storage;
using Scheduler.Storage.Tests;

namespace Scheduler.Batches.Tests;

/// <summary>The database verbs end to end, in-process: bad input refused as plan refuses it with
/// nothing written, import then export giving back the same files, the ledger verbs.</summary>
public class DatabaseVerbTests
{
    [Fact]
    public async Task DbImport_BadInput_Exit2NamingFileAndLine_AndWritesNothing()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        var scenario = ScenarioFolders.NewTemp();
        foreach (var file in Directory.GetFiles(ScenarioFolders.Tiny, "*.*").Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(scenario, Path.GetFileName(file)));
        }
        // A second principal for C-03, on the last line of applicants.csv.
        File.AppendAllText(Path.Combine(scenario, "applicants.csv"), "C-03-9,C-03,P,1980-01-01,Y,\n");

        var import = ScenarioFolders.Cli("db", "import", scenario, "--db", db.Connection);
        var plan = ScenarioFolders.Cli("plan", scenario, "--out", Path.Combine(ScenarioFolders.NewTemp(), "out"));

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("cases.csv:4: case 'C-03' has 2 principal applicants", import.Error);
        Assert.Equal(plan.Error, import.Error);
        Assert.Empty(await db.Store.MonthsAsync());
    }

    [Fact]
    public async Task DbExport_AfterImport_GivesBackTheSameFiles()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        var sample = Path.Combine(ScenarioFolders.NewTemp(), "sample");
        Assert.Equal(0, ScenarioFolders.Cli("sample", "--profile", "tiny", "--seed", "5", "--out", sample).ExitCode);
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", sample, "--db", db.Connection).ExitCode);
        var month = (await db.Store.MonthsAsync()).Single().ToString("yyyy-MM", null);

        var export = Path.Combine(ScenarioFolders.NewTemp(), "export");
        Assert.Equal(0, ScenarioFolders.Cli("db", "export", "--month", month, "--out", export, "--db", db.Connection).ExitCode);

        Assert.Equal(Directory.GetFiles(sample).Select(Path.GetFileName).Order(), Directory.GetFiles(export).Select(Path.GetFileName).Order());
        foreach (var file in Directory.GetFiles(sample))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(export, Path.GetFileName(file))));
        }
    }

    [Fact]
    public async Task DbWithdraw_TheCasesLeaveTheNextBatch_AndDbReinstateBringsThemBack()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        var list = Path.Combine(ScenarioFolders.NewTemp(), "withdrawn.txt");
        File.WriteAllText(list, "case_id\n# terminated\nC-03\n\n");
        var withdraw = ScenarioFolders.Cli("db", "withdraw", "C-02", "--file", list, "--reason", "terminated by the case system", "--on", "2026-11-20", "--db", db.Connection);
        Assert.Equal(0, withdraw.ExitCode);
        Assert.Contains("withdrew 2 case(s) on 2026-11-20 (0 already withdrawn)", withdraw.Output);
        var again = ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection);
        Assert.Contains("2 of the imported cases are withdrawn and stay so", again.Output);

        Assert.Equal(0, ScenarioFolders.Cli("run", "--month", "2026-12", "--db", db.Connection).ExitCode);
        var export = Path.Combine(ScenarioFolders.NewTemp(), "export");
        Assert.Equal(0, ScenarioFolders.Cli("db", "export", "--month", "2026-12", "--out", export, "--db", db.Connection).ExitCode);
        var cases = File.ReadAllLines(Path.Combine(export, "cases.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.DoesNotContain("C-02", cases);
        Assert.DoesNotContain("C-03", cases);
        Assert.Contains("C-01", cases);
        Assert.Equal(0, ScenarioFolders.Cli("verify", export, export).ExitCode);

        var reinstate = ScenarioFolders.Cli("db", "reinstate", "C-02", "C-03", "C-01", "--db", db.Connection);
        Assert.Equal(0, reinstate.ExitCode);
        Assert.Contains("reinstated 2 case(s) (1 not withdrawn)", reinstate.Output);
        var january = (await db.Store.ReadMonthAsync(new YearMonth(2027, 1), new LocalDate(2026, 12, 15)))!;
        Assert.Contains(january.Cases, c => c.Id.Value == "C-02");
    }

    [Fact]
    public async Task DbWithdraw_UnknownCaseOrBadLine_Exit2NamingIt_AndWritesNothing()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        var list = Path.Combine(ScenarioFolders.NewTemp(), "withdrawn.txt");
        File.WriteAllText(list, "C-01\nC-99\n");
        var unknown = ScenarioFolders.Cli("db", "withdraw", "C-02", "--file", list, "--reason", "gone", "--db", db.Connection);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains($"{list}:2: case_id 'C-99': not in the database", unknown.Error);
        Assert.Contains("nothing was written", unknown.Error);

        File.WriteAllText(list, "C-01,C-02\n");
        var bad = ScenarioFolders.Cli("db", "withdraw", "--file", list, "--reason", "gone", "--db", db.Connection);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains($"{list}:1: case_id: expected one case id, got 'C-01,C-02'", bad.Error);
        Assert.Equal(2, ScenarioFolders.Cli("db", "withdraw", "C-01", "--db", db.Connection).ExitCode); // no --reason

        Assert.Empty(await db.Store.WithdrawalsAsync(["C-01", "C-02"]));
        Assert.DoesNotContain(await db.Store.ReadAuditAsync("cases"), a => a.Action == "cases.withdraw");
    }

    [Fact]
    public async Task Run_UnknownMonth_Exit2AndNoLedgerLine()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        var run = ScenarioFolders.Cli("run", "--month", "2031-01", "--db", db.Connection);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2031-01", run.Error);
        Assert.Empty(await db.Store.ListBatchesAsync());
    }

    [Theory]
    [InlineData("--time-limit", "0", "--time-limit: must be more than 0 seconds")]
    [InlineData("--workers", "0", "--workers")]
    [InlineData("--solver", "simplex", "simplex")]
    public async Task Run_BadEngineOption_Exit2NamingIt_AndNoLedgerLine(string option, string value, string named)
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        var run = ScenarioFolders.Cli("run", "--month", "2026-12", option, value, "--db", db.Connection);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Empty(await db.Store.ListBatchesAsync());
    }

    [Fact]
    public async Task RunThenForce_LedgerKeepsTheSupersededBatch_AndBatchesVerbsShowIt()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        Assert.Equal(0, ScenarioFolders.Cli("run", "--month", "2026-12", "--workers", "1", "--db", db.Connection).ExitCode);
        var again = ScenarioFolders.Cli("run", "--month", "2026-12", "--workers", "1", "--db", db.Connection);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already has committed batch", again.Error);
        Assert.Equal(0, ScenarioFolders.Cli("run", "--month", "2026-12", "--force", "--workers", "1", "--db", db.Connection).ExitCode);

        var batches = await db.Store.ListBatchesAsync(new YearMonth(2026, 12));
        Assert.Equal([BatchStatus.Superseded, BatchStatus.Committed], batches.OrderBy(b => b.Id).Select(b => b.Status));
        var list = ScenarioFolders.Cli("batches", "list", "--db", db.Connection);
        Assert.Contains("superseded", list.Output);
        var show = ScenarioFolders.Cli("batches", "show", batches.Min(b => b.Id).ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db.Connection);
        Assert.Contains($"superseded (by batch {batches.Max(b => b.Id)})", show.Output);
        Assert.Contains("input hash", show.Output);
        var live = batches.Max(b => b.Id);
        var kept = await db.Store.CountBatchSearchesAsync(live);
        var showLive = ScenarioFolders.Cli("batches", "show", live.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db.Connection);
        Assert.True(kept.Count > 0);
        Assert.Contains($"solver answers  {kept.Count} kept", showLive.Output);
        // The superseded batch keeps its own, as history: the same inputs and seed, so as many models (each
        // answer also holds its search's time, so the bytes differ).
        Assert.Equal(kept.Count, (await db.Store.CountBatchSearchesAsync(batches.Min(b => b.Id))).Count);
        BatchChecks.AssertExportVerifies(db.Connection, "2026-12");
    }

    [Fact]
    public async Task DbImport_ApplicantOfACommittedCaseGivenToANewCase_Exit2NamingTheLine_AndWritesNothing()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        Assert.Equal(0, ScenarioFolders.Cli("run", "--month", "2026-12", "--workers", "1", "--db", db.Connection).ExitCode);
        var scenario = Scheduler.Tests.Shared.TestRun.CopyFiles(ScenarioFolders.Tiny, ScenarioFolders.NewTemp());
        File.WriteAllText(Path.Combine(scenario, "settings.json"), """{ "month": "2027-01", "asOf": "2026-12-16" }""");
        // January's scenario leaves C-01 (seated in December) out and gives its principal to a new case X1, on the last line.
        var applicants = File.ReadAllLines(Path.Combine(scenario, "applicants.csv")).Where(l => !l.StartsWith("C-01-", StringComparison.Ordinal)).ToList();
        File.WriteAllLines(Path.Combine(scenario, "cases.csv"), File.ReadAllLines(Path.Combine(scenario, "cases.csv")).Where(l => !l.StartsWith("C-01,", StringComparison.Ordinal)));
        applicants.Add("C-01-1,X1,P,1990-01-01,Y,");
        File.WriteAllLines(Path.Combine(scenario, "applicants.csv"), applicants);
        File.AppendAllText(Path.Combine(scenario, "cases.csv"), "X1,IR,IR1,2025-03-01,MX,2026-10-01,CDJ,MX,MX,es,PIVOT,N,\n");

        var import = ScenarioFolders.Cli("db", "import", scenario, "--db", db.Connection);

        Assert.Equal(2, import.ExitCode);
        Assert.StartsWith($"applicants.csv:{applicants.Count}: applicant C-01-1 belongs to case C-01 in the database, not X1", import.Error, StringComparison.Ordinal);
        Assert.Equal([new YearMonth(2026, 12)], await db.Store.MonthsAsync());
        var december = (await db.Store.ReadMonthAsync(new YearMonth(2026, 12)))!;
        Assert.DoesNotContain(december.Cases, c => c.Id.Value == "X1");
    }

    [Fact]
    public async Task DbExport_IntoAScenarioFolder_Exit2AndLeavesItAsItWas()
    {
        await using var db = await new SqliteTestDatabase().CreateAsync();
        Assert.Equal(0, ScenarioFolders.Cli("db", "import", ScenarioFolders.Tiny, "--db", db.Connection).ExitCode);
        Assert.Equal(0, ScenarioFolders.Cli("run", "--month", "2026-12", "--workers", "1", "--db", db.Connection).ExitCode);
        var scenario = Scheduler.Tests.Shared.TestRun.CopyFiles(ScenarioFolders.Tiny, ScenarioFolders.NewTemp());
        File.WriteAllText(Path.Combine(scenario, "settings.json"), """{ "month": "2027-01", "asOf": "2026-12-16" }""");
        var before = Directory.GetFiles(scenario).Order().ToDictionary(f => f, File.ReadAllBytes);

        var export = ScenarioFolders.Cli("db", "export", "--month", "2026-12", "--out", scenario, "--db", db.Connection);

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("exists and is not empty", export.Error, StringComparison.Ordinal);
        Assert.Equal(before.Keys, Directory.GetFiles(scenario).Order());
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(scenario)!, ".*"));
    }

    [Fact]
    public async Task Demo_OutsideTheRepositoryRoot_FindsTheBundledSample()
    {
        // The tests run in bin/Debug/net10.0, where samples/small is not: the sample is found above it.
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "samples", "small")));
        var db = Path.Combine(ScenarioFolders.NewTemp(), "demo.db");

        var demo = ScenarioFolders.Cli("demo", "--db", db);

        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.StartsWith("imported small:", demo.Output, StringComparison.Ordinal);
        await using var store = Storage.SchedulerStore.Open(db);
        Assert.Single(await store.ListBatchesAsync(), b => b.Status == BatchStatus.Committed);
    }
}

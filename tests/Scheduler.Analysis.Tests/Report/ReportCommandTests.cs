using Scheduler.Analysis.Tests.Support;
using Scheduler.Analysis.WhatIf;

namespace Scheduler.Analysis.Tests.Report;

/// <summary><c>report</c> end to end: from files and from a month's committed batch; bad input exits 2
/// and leaves no page (and an existing page untouched).</summary>
public sealed class ReportCommandTests
{
    private static string NewPage() => Path.Combine(AnalysisFolders.NewTemp(), "report.html");

    [Fact]
    public void Report_TinyFromFiles_WritesThePage_AndNamesItWithItsSize()
    {
        var schedule = AnalysisFolders.PlanTiny();
        var page = NewPage();
        var (code, output, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, schedule, "--html", page);
        Assert.True(code == 0, error);
        var html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"report 2026-12: {page} ({new FileInfo(page).Length:N0} bytes", output, StringComparison.Ordinal);
        Assert.Contains("<dd data-key=\"solver\">greedy</dd>", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(page)!, "*.tmp"));
    }

    [Fact]
    public void Report_WithADiff_ShowsItsVariants()
    {
        var diff = Path.Combine(AnalysisFolders.NewTemp(), "diff.json");
        File.WriteAllBytes(diff, WhatIfJson.Write(ReportDiffs.Sample(variants: 2)));
        var page = NewPage();
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, AnalysisFolders.PlanTiny(), "--html", page, "--diff", diff);
        Assert.True(code == 0, error);
        Assert.Contains("data-variant=\"variant-2\"", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ABadScenario_Exits2_NamesFileAndLine_AndLeavesTheOldPage()
    {
        var scenario = AnalysisFolders.CopyOf(AnalysisFolders.Tiny);
        File.AppendAllText(Path.Combine(scenario, "cases.csv"), "Z-01,XX,XX,2020-01-01,MX,2026-10-01,CDJ,MX,MX,es,PIVOT,N,\n");
        var page = NewPage();
        File.WriteAllText(page, "old");
        var (code, _, error) = AnalysisFolders.Cli("report", scenario, AnalysisFolders.PlanTiny(), "--html", page);
        Assert.Equal(2, code);
        Assert.Contains("cases.csv:30:", error, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(page));
    }

    [Fact]
    public void Report_AScheduleOfAnotherScenario_Exits2_AndWritesNothing()
    {
        var schedule = AnalysisFolders.CopyOf(AnalysisFolders.PlanTiny());
        var unscheduled = Path.Combine(schedule, "unscheduled.csv");
        File.WriteAllLines(unscheduled, File.ReadAllLines(unscheduled).Where(l => !l.StartsWith("C-03,", StringComparison.Ordinal)).Append("Q-01,NO_POST"));
        var page = NewPage();
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, schedule, "--html", page);
        Assert.Equal(2, code);
        Assert.Contains("case Q-01 is not a case of the scenario", error, StringComparison.Ordinal);
        Assert.Contains("case C-03 of the scenario is in neither", error, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void Report_AScheduleFolderWithABadRow_Exits2_NamingFileAndLine()
    {
        var schedule = AnalysisFolders.CopyOf(AnalysisFolders.PlanTiny());
        File.AppendAllText(Path.Combine(schedule, "appointments.csv"), "C-06,CDJ,2026-13-01,07:30,1\n");
        var page = NewPage();
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, schedule, "--html", page);
        Assert.Equal(2, code);
        Assert.Contains("appointments.csv:", error, StringComparison.Ordinal);
        Assert.Contains("not a date: 2026-13-01", error, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Theory]
    [InlineData("{ \"month\": ")]
    [InlineData("{ \"month\": \"2026-12\" }")]
    [InlineData("[]")]
    public void Report_ADiffThatIsNotADiff_Exits2_AndWritesNothing(string json)
    {
        var diff = Path.Combine(AnalysisFolders.NewTemp(), "diff.json");
        File.WriteAllText(diff, json);
        var page = NewPage();
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, AnalysisFolders.PlanTiny(), "--html", page, "--diff", diff);
        Assert.Equal(2, code);
        Assert.Contains($"{diff}:", error, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Report_NeitherFoldersNorMonth_OrBoth_IsAUsageError(bool folders, bool month)
    {
        var args = new List<string> { "report", "--html", NewPage() };
        if (folders)
        {
            args.AddRange([AnalysisFolders.Tiny, AnalysisFolders.Tiny]);
        }
        if (month)
        {
            args.AddRange(["--month", "2026-12"]);
        }
        var (code, _, error) = AnalysisFolders.Cli([.. args]);
        Assert.Equal(2, code);
        Assert.Contains("usage: scheduler report", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FromTheDatabase_TheCommittedBatch_WithItsSummary()
    {
        var db = Path.Combine(AnalysisFolders.NewTemp(), "scheduler.db");
        Assert.Equal(0, AnalysisFolders.Cli("db", "import", AnalysisFolders.Tiny, "--db", db).ExitCode);
        var page = NewPage();

        var (none, _, noneError) = AnalysisFolders.Cli("report", "--month", "2026-12", "--db", db, "--html", page);
        Assert.Equal(2, none);
        Assert.Contains("month 2026-12: no committed batch", noneError, StringComparison.Ordinal);
        Assert.False(File.Exists(page));

        var run = AnalysisFolders.Cli("run", "--month", "2026-12", "--db", db, "--solver", "greedy", "--seed", "7", "--workers", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        var (code, output, error) = AnalysisFolders.Cli("report", "--month", "2026-12", "--db", db, "--html", page);
        Assert.True(code == 0, error);
        Assert.Contains(page, output, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("<dd data-key=\"solver\">greedy</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-key=\"seed\">7</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-key=\"asOf\">2026-11-16</dd>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<svg class=\"calendar\"").Length - 1);
        Assert.DoesNotContain("computed from the scenario", html, StringComparison.Ordinal);
    }
}

using Scheduler.Analysis.Tests.Support;
using Scheduler.Analysis.WhatIf;
using Scheduler.Files.Input;
using Scheduler.Files.Output;

namespace Scheduler.Analysis.Tests.Report;

/// <summary><c>report</c> end to end: from files and from a month's committed batch; bad input exits 2
/// and leaves no page (and an existing page untouched).</summary>
public sealed class ReportCommandTests
{
    private static string NewPage() => Path.Combine(AnalysisFolders.NewTemp(), "report.html");

    private static readonly Lazy<string> TinyHash = new(() => ScenarioHash.Of(ScenarioReader.Read(AnalysisFolders.Tiny).Inputs!));

    private static string WriteDiff(string json)
    {
        var diff = Path.Combine(AnalysisFolders.NewTemp(), "diff.json");
        File.WriteAllText(diff, json);
        return diff;
    }

    [Fact]
    public void Report_AScheduleWhoseSummaryNamesOtherInputs_Exits2_NamingBothHashes()
    {
        var schedule = AnalysisFolders.CopyOf(AnalysisFolders.PlanTiny());
        var summary = Path.Combine(schedule, "summary.json");
        var other = new string('0', 64);
        File.WriteAllText(summary, File.ReadAllText(summary).Replace(TinyHash.Value, other, StringComparison.Ordinal));
        var page = NewPage();
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, schedule, "--html", page);
        Assert.Equal(2, code);
        Assert.Contains($"summary.json: input hash {other}, but the scenario's input hash is {TinyHash.Value}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Theory]
    [InlineData("2027-01", null, "a what-if of 2027-01, but the schedule is of 2026-12")]
    [InlineData(null, "ffff", "its baseline's input hash is ffff, but this scenario's is ")]
    public void Report_ADiffOfAnotherMonthOrBaseline_Exits2_AndWritesNothing(string? month, string? hash, string message)
    {
        var sample = ReportDiffs.Sample(variants: 1);
        sample = sample with { Month = month ?? sample.Month, Baseline = sample.Baseline with { InputHash = hash ?? sample.Baseline.InputHash } };
        var diff = Path.Combine(AnalysisFolders.NewTemp(), "diff.json");
        File.WriteAllBytes(diff, WhatIfJson.Write(sample));
        var page = NewPage();
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, AnalysisFolders.PlanTiny(), "--html", page, "--diff", diff);
        Assert.Equal(2, code);
        Assert.Contains($"--diff {diff}: {message}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Theory]
    [InlineData("baseline.figures", "$.baseline: missing 'figures'")]
    [InlineData("variants.0.run.name", "$.variants[0].run.name: null, where a value is needed")]
    [InlineData("seed", "$.seed: a value of the wrong kind")]
    public void Report_ADiffWithABadField_NamesFileLineAndField_NotDotNetTypes(string field, string message)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(WhatIfJson.Write(ReportDiffs.Sample(variants: 1)))!;
        var path = field.Split('.');
        var parent = path[..^1].Aggregate(json, (node, key) => int.TryParse(key, out var i) ? node[i]! : node[key]!).AsObject();
        if (field == "baseline.figures")
        {
            parent.Remove(path[^1]);
        }
        else
        {
            parent[path[^1]] = field == "seed" ? "x" : null;
        }
        var diff = WriteDiff(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var (code, _, error) = AnalysisFolders.Cli("report", AnalysisFolders.Tiny, AnalysisFolders.PlanTiny(), "--html", NewPage(), "--diff", diff);
        Assert.Equal(2, code);
        Assert.Contains($"{diff}:", error, StringComparison.Ordinal);
        Assert.Contains($"not a what-if diff.json: {message}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Scheduler.Analysis", error, StringComparison.Ordinal);
        Assert.DoesNotContain("nullability", error, StringComparison.Ordinal);
    }

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

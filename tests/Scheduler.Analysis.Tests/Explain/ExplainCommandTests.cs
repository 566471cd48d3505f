using System.Text.Json;
using Scheduler.Analysis.Explain;
using Scheduler.Files.Input;
using Scheduler.Tests.Shared;

namespace Scheduler.Analysis.Tests.Explain;

/// <summary>The <c>explain</c> verb through <c>Program.Run</c>.</summary>
public sealed class ExplainCommandTests
{
    [Fact]
    public void Explain_PlainOutput_SaysTheReasonWithItsFigures()
    {
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, ExplainFolders.Schedule("tiny", "cpsat"), "M-01");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Not seated: NO_NUMBERS.", run.Output);
        Assert.Contains("Pool F4 PH has 1 of 3 numbers left after the schedule (2 allocated); this case needs 2 (1 short).", run.Output);
        Assert.Contains("NO_NUMBERS               FAIL", run.Output);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Theory]
    [InlineData("A-01", "post ABD (designated for its residence);", "ABD (designated for its residence)")]
    [InlineData("A-02", "; no post;", "no post given, designated or serving")]
    [InlineData("A-01", "post ABD", "no expiry date, first usable session 2026-12-28")]
    public void Explain_PlainOutput_SpeaksPlainly_NoCodeNamesInProse(string id, string fact, string figures)
    {
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, ExplainFolders.Schedule("tiny", "cpsat"), id);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(fact, run.Output);
        Assert.Contains(figures, run.Output);
        foreach (var leak in new[] { "designatedForResidence", "post none", "(none)", "no expiry,", "valid through no expiry" })
        {
            Assert.DoesNotContain(leak, run.Output);
        }
    }

    [Fact]
    public void Explain_ASeatedCase_ListsTheSessionsBeforeItsOwn()
    {
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, ExplainFolders.Schedule("tiny", "cpsat"), "C-13");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Seated at CDJ on", run.Output);
        Assert.Contains("Sessions before its own at CDJ", run.Output);
        Assert.Contains("full for its family", run.Output);
    }

    [Fact]
    public void Explain_Json_WritesOnlyTheExplanation()
    {
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, ExplainFolders.Schedule("tiny", "cpsat"), "M-06", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("MIX_LIMIT", json.RootElement.GetProperty("outcome").GetProperty("reason").GetString());
        Assert.Equal(0.25m, json.RootElement.GetProperty("rules").GetProperty("mix").GetProperty("maxRules")[0].GetProperty("excess").GetDecimal());
        Assert.Equal("M-06", ExplainJson.Read(run.Output).Case.Id);
    }

    [Fact]
    public void Explain_UnknownCase_Exits2NamingIt()
    {
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, ExplainFolders.Schedule("tiny", "cpsat"), "Z-99");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no case Z-99", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Explain_AnotherScenariosSchedule_Exits2()
    {
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, ExplainFolders.Schedule("small", "greedy"), "M-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a schedule of", run.Error);
        Assert.Contains("is not a case of the scenario", run.Error);
    }

    [Fact]
    public void Explain_AScheduleWhoseSummaryNamesOtherInputs_Exits2_NamingBothHashes()
    {
        // Same cases, posts and month: only the input hash tells that the schedule was planned from other inputs.
        var hash = Scheduler.Files.Output.ScenarioHash.Of(ScenarioReader.Read(ExplainFolders.Tiny).Inputs!);
        var schedule = Support.AnalysisFolders.CopyOf(ExplainFolders.Schedule("tiny", "greedy"));
        var summary = Path.Combine(schedule, "summary.json");
        var other = new string('1', 64);
        File.WriteAllText(summary, File.ReadAllText(summary).Replace(hash, other, StringComparison.Ordinal));
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, schedule, "M-06");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a schedule of", run.Error);
        Assert.Contains($"input hash {other}, but the scenario's input hash is {hash}", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Explain_AScheduleMissingACase_Exits2NamingIt()
    {
        var copy = TestRun.CopyFiles(ExplainFolders.Schedule("tiny", "cpsat"), ExplainFolders.NewTemp());
        var unscheduled = Path.Combine(copy, "unscheduled.csv");
        File.WriteAllLines(unscheduled, File.ReadAllLines(unscheduled).Where(l => !l.StartsWith("C-03,", StringComparison.Ordinal)));
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, copy, "M-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("case C-03 of the scenario is in neither appointments.csv nor unscheduled.csv", run.Error);
    }

    [Fact]
    public void ExplainAndReport_AnAppointmentOutsideItsPostsSessions_Exit2NamingIt()
    {
        var copy = TestRun.CopyFiles(ExplainFolders.Schedule("tiny", "cpsat"), ExplainFolders.NewTemp());
        var appointments = Path.Combine(copy, "appointments.csv");
        var lines = File.ReadAllLines(appointments);
        var fields = lines[1].Split(',');
        fields[3] = "23:59"; // no post of the tiny example has a session then
        lines[1] = string.Join(',', fields);
        File.WriteAllLines(appointments, lines);

        var named = $"appointments.csv: case {fields[0]} is booked at {fields[1]} on {fields[2]} 23:59, " +
            "which is not a usable session of the case's post in this scenario";
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, copy, "M-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        // The report counts seats per session too: it refuses the schedule the same way (it threw before).
        var html = Path.Combine(ExplainFolders.NewTemp(), "report.html");
        var report = ExplainFolders.Run("report", ExplainFolders.Tiny, copy, "--html", html);
        Assert.Equal(2, report.ExitCode);
        Assert.Contains(named, report.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(html));
    }

    [Fact]
    public void Explain_ABrokenScheduleFile_Exits2WithFileAndLine()
    {
        var copy = TestRun.CopyFiles(ExplainFolders.Schedule("tiny", "cpsat"), ExplainFolders.NewTemp());
        File.AppendAllText(Path.Combine(copy, "unscheduled.csv"), "Z-01,NO_IDEA\n");
        var run = ExplainFolders.Run("explain", ExplainFolders.Tiny, copy, "M-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"unscheduled\.csv:\d+: reason: unknown reason: NO_IDEA", run.Error);
    }
}

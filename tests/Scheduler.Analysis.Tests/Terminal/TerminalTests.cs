using Scheduler.Cli.Commands;

namespace Scheduler.Analysis.Tests.Terminal;

public sealed class TerminalTests
{
    [Fact]
    public void PlainTable_PadsEveryColumnToItsWidestCell_AndRightAlignsFigures()
    {
        var text = Cli.Commands.Terminal.PlainTable("Posts", ["post", "seated"], [["MNL", "1,200"], ["CDJ", "7"]], 1);
        Assert.Equal("Posts\npost  seated\n----  ------\nMNL    1,200\nCDJ        7\n\n", text);
    }

    [Fact]
    public void ATestsWriter_IsNeverDrawnOn_SoScriptsSeeNoEscapeCodes()
    {
        var output = new StringWriter();
        var terminal = Cli.Commands.Terminal.For(output);
        Assert.False(terminal.Rich);
        terminal.Table(null, ["a"], [["1"]]);
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void ARichTerminal_DrawsTheTableWithBoxCharacters()
    {
        var output = new StringWriter();
        var terminal = Cli.Commands.Terminal.Create(output, rich: true);
        terminal.Table(null, ["post", "seated"], [["MNL", "1,200"]], 1);
        Assert.Contains("╭", output.ToString());
        Assert.Contains("MNL", output.ToString());
    }

    private static string Draw(int width, string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, params int[] right)
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        console.Write(Cli.Commands.Terminal.Drawn(title, headers, rows, width, right));
        return output.ToString();
    }

    [Fact]
    public void ARichTableTooWideFor80Columns_IsDrawnRowByRow_NoIdDateReasonOrHeaderBroken()
    {
        string[] headers = ["case", "category", "chargeability", "priority date", "applicants", "post", "date", "start", "baseline's reason"];
        IReadOnlyList<string>[] rows = [["M-06", "IR", "PH", "2025-01-12", "1", "MNL", "2026-12-21", "07:30", "MIX_LIMIT"]];
        var text = Draw(80, "Cases gained: 1", headers, rows, 4);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, line));
        foreach (var word in headers.Concat(rows[0]))
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }
        Assert.StartsWith("Cases gained: 1\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ARichTableThatFits_KeepsItsColumns_AndWrapsOnlyProseBetweenWords()
    {
        string[] headers = ["rule", "result", "figures"];
        IReadOnlyList<string>[] rows = [["DOCUMENTS_EXPIRE", "pass", "valid through 2026-12-29, first usable session 2026-12-28, and more words to wrap here"]];
        var text = Draw(60, "Rules", headers, rows);
        var lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 60, line));
        Assert.Contains(lines, l => l.Contains("│ rule", StringComparison.Ordinal) && l.Contains("│ figures", StringComparison.Ordinal));
        Assert.Contains("DOCUMENTS_EXPIRE", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-29,", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-28,", text, StringComparison.Ordinal);
    }
}

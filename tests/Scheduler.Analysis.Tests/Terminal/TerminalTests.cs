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
}

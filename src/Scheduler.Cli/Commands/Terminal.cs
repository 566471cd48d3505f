using System.Globalization;
using System.Text;
using Scheduler.Planning;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>Where a verb's tables and progress go. On a terminal (standard output not redirected,
/// <c>NO_COLOR</c> unset, <c>TERM</c> not <c>dumb</c>) they are drawn by Spectre.Console; otherwise,
/// and always when a test hands in its own writer, they are plain aligned text with no escape codes
/// and no progress redraws, so scripts and CI logs stay readable.</summary>
internal sealed class Terminal
{
    private readonly TextWriter _output;
    private readonly IAnsiConsole? _console;

    private Terminal(TextWriter output, bool rich)
    {
        _output = output;
        if (rich)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(output),
            });
        }
    }

    /// <summary>True when output is drawn by Spectre.Console.</summary>
    public bool Rich => _console is not null;

    /// <summary>The terminal for a verb's output writer.</summary>
    public static Terminal For(TextWriter output) => new(output, IsTerminal(output));

    /// <summary>A terminal that draws with Spectre.Console (<paramref name="rich"/>) or plainly, whatever the writer.</summary>
    internal static Terminal Create(TextWriter output, bool rich) => new(output, rich);

    private static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>A heading line.</summary>
    public void Heading(string text)
    {
        if (_console is not null)
        {
            _console.Write(new Rule($"[bold]{Markup.Escape(text)}[/]") { Justification = Justify.Left });
        }
        else
        {
            _output.WriteLine(text);
        }
    }

    /// <summary>A line of text.</summary>
    public void Line(string text = "")
    {
        if (_console is not null)
        {
            _console.WriteLine(text);
        }
        else
        {
            _output.WriteLine(text);
        }
    }

    /// <summary>A table; the columns named by index in <paramref name="rightAligned"/> (figures) are right-aligned.
    /// Drawn, no id, date, reason or figure is ever broken: a column whose cells are single words keeps its
    /// width, one with prose wraps between words, and a table that still does not fit the terminal is drawn
    /// one row at a time, each header beside its value.</summary>
    public void Table(string? title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        var body = rows.ToList();
        if (_console is not null)
        {
            _console.Write(Drawn(title, headers, body, _console.Profile.Width, rightAligned));
            return;
        }
        _output.Write(PlainTable(title, headers, body, rightAligned));
    }

    /// <summary>The table as Spectre.Console draws it in <paramref name="width"/> columns.</summary>
    internal static Spectre.Console.Rendering.IRenderable Drawn(string? title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows,
        int width, params int[] rightAligned)
    {
        static int Longest(string text) => text.Split(' ').Max(w => w.Length);
        var cells = headers.Select((h, i) => rows.Select(r => i < r.Count ? r[i] : "").Prepend(h).ToList()).ToList();
        // A column wraps only when a cell holds several words (the categories, a rule's figures); the
        // narrowest the table gets is then each such column at its longest word. Each column takes its
        // padding (2) and a border (1), and the table its last border.
        var prose = cells.Select(c => c.Skip(1).Any(cell => cell.Contains(' ', StringComparison.Ordinal))).ToArray();
        var narrowest = cells.Select((c, i) => (prose[i] ? c.Max(Longest) : c.Max(cell => cell.Length)) + 3).Sum() + 1;
        if (narrowest <= width)
        {
            var table = new Table { Border = TableBorder.Rounded };
            if (title is not null)
            {
                table.Title = new TableTitle(title);
            }
            for (var i = 0; i < headers.Count; i++)
            {
                var column = new TableColumn(new Text(headers[i], new Style(decoration: Decoration.Bold))) { NoWrap = !prose[i] };
                table.AddColumn(rightAligned.Contains(i) ? column.RightAligned() : column);
            }
            foreach (var row in rows)
            {
                table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
            }
            return table;
        }
        // Too wide even so: one row at a time, header beside value, so nothing is cut.
        var down = new Table { Border = TableBorder.Rounded, ShowHeaders = false };
        down.AddColumn(new TableColumn("") { NoWrap = true });
        down.AddColumn(new TableColumn(""));
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0)
            {
                down.AddEmptyRow();
            }
            for (var i = 0; i < headers.Count; i++)
            {
                down.AddRow(new Text(headers[i], new Style(decoration: Decoration.Bold)), new Text(i < rows[r].Count ? rows[r][i] : ""));
            }
        }
        // The title above as a line of its own: a narrow table would fold it.
        return title is null ? down : new Rows(new Text(title), down);
    }

    /// <summary>A table as plain text: the title, then columns padded to their widest cell and
    /// separated by two spaces, then a blank line.</summary>
    internal static string PlainTable(string? title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        var widths = headers.Select((h, i) => rows.Select(r => i < r.Count ? r[i].Length : 0).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        if (title is not null)
        {
            text.Append(title).Append('\n');
        }
        void Row(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < cells.Count ? cells[i] : "";
                line.Append(i == 0 ? "" : "  ").Append(rightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        Row(headers);
        Row(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
        {
            Row(row);
        }
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>Runs <paramref name="work"/> with a progress display of posts done of posts, fed by
    /// the engine's reports. Plainly, nothing is drawn (the verb prints its result after).</summary>
    public T Progress<T>(string label, Func<IProgress<PlanProgress>?, T> work)
    {
        if (_console is null)
        {
            return work(null);
        }
        return _console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                ProgressTask Task(string name)
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(name, out var task))
                        {
                            task = context.AddTask(Markup.Escape(name), maxValue: 1);
                            task.IsIndeterminate = true;
                            tasks.Add(name, task);
                        }
                        return task;
                    }
                }
                var reporter = new SynchronousProgress<PlanProgress>(progress =>
                {
                    var task = Task(progress.Run ?? label);
                    lock (task)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(1, progress.PostsTotal);
                        task.Value = Math.Max(task.Value, progress.Stage == PlanStage.Done ? task.MaxValue : progress.PostsDone);
                        // Reports come from several workers, not always in order: the bar only moves on.
                        var done = (int)Math.Min(task.Value, progress.PostsTotal);
                        task.Description = Markup.Escape($"{progress.Run ?? label}: {done.ToString(CultureInfo.InvariantCulture)} of {progress.PostsTotal.ToString(CultureInfo.InvariantCulture)} posts");
                    }
                });
                return work(reporter);
            });
    }
}

using System.Globalization;
using System.Text;
using static Scheduler.Analysis.Report.Html;

namespace Scheduler.Analysis.Report;

/// <summary>One post's section of the page: its month calendar (SVG), mix bars, priority-date coverage
/// and reasons.</summary>
internal static class PostSection
{
    private const int CellWidth = 58;
    private const int CellHeight = 46;
    private const int HeadHeight = 16;
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static void Render(StringBuilder html, PostReport post, bool open)
    {
        var f = post.Figures;
        html.Append("<details class=\"post\" id=\"").Append(Anchor(post.Code)).Append("\" data-post=\"").Append(E(post.Code)).Append('"')
            .Append(open ? " open" : "").Append(">\n<summary>").Append(E(post.Code)).Append(" – ").Append(E(post.Name));
        if (post.Country.Length > 0)
        {
            html.Append(" (").Append(E(post.Country)).Append(')');
        }
        html.Append("<span class=\"figures\">").Append(N(f.ScheduledApplicants)).Append(" of ").Append(N(f.Capacity)).Append(" seats (")
            .Append(Pct(f.Utilization)).Append("), ").Append(N(f.ScheduledCases)).Append(" cases, FIFO inversions ").Append(N(f.FifoInversions))
            .Append(", mix deviation ").Append(D(f.MixDeviation)).Append(", interview-by misses ").Append(N(f.InterviewByMisses));
        if (SolverText(post.Solver) is { Length: > 0 } solver)
        {
            html.Append(", ").Append(E(solver));
        }
        html.Append("</span></summary>\n<div class=\"post-body\">\n<div>\n<h3>Seats used / offered per day</h3>\n");
        Calendar(html, post);
        html.Append("</div>\n<div>\n<h3>Mix of seated applicants</h3>\n");
        Mix(html, post);
        html.Append("<h3>Unscheduled by reason</h3>\n");
        Reasons(html, post);
        html.Append("</div>\n<div>\n<h3>Priority dates reached</h3>\n");
        PriorityDates(html, post);
        html.Append("</div>\n</div>\n</details>\n");
    }

    /// <summary>A post's solver status, gap and source in one phrase (empty without them).</summary>
    public static string SolverText(PostSolverFigures? solver) => solver is null ? ""
        : string.Join(", ", new[]
        {
            solver.Status,
            solver.Gap is { } gap ? "gap " + (gap * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %" : null,
            solver.Source,
        }.Where(s => !string.IsNullOrEmpty(s)));

    private static void Calendar(StringBuilder html, PostReport post)
    {
        var first = post.Days[0].Date;
        var offset = (int)first.DayOfWeek - 1;
        var rows = (offset + post.Days.Count + 6) / 7;
        var width = 7 * CellWidth + 1;
        var height = HeadHeight + rows * CellHeight + 1;
        html.Append("<svg class=\"calendar\" data-post=\"").Append(E(post.Code)).Append("\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\" role=\"img\" aria-label=\"")
            .Append(E(post.Code)).Append(": seats used and offered per day\">\n");
        for (var d = 0; d < 7; d++)
        {
            html.Append("<text class=\"head\" x=\"").Append(d * CellWidth + 4).Append("\" y=\"12\">").Append(DayNames[d]).Append("</text>");
        }
        html.Append('\n');
        for (var i = 0; i < post.Days.Count; i++)
        {
            var day = post.Days[i];
            var slot = offset + i;
            var x = (slot % 7) * CellWidth + 0.5;
            var y = HeadHeight + (slot / 7) * CellHeight + 0.5;
            var open = day.Kind == DayKind.Open;
            var date = Date(day.Date);
            var state = day.Kind switch
            {
                DayKind.Open => $"{N(day.Used)} of {N(day.Offered)} seats, {day.Sessions} session{(day.Sessions == 1 ? "" : "s")}",
                DayKind.Weekend => "weekend",
                DayKind.Closed => "closed",
                DayKind.BeforeNotice => "before the minimum notice",
                _ => "no sessions",
            };
            html.Append("<g class=\"day ").Append(open ? "open" : "off").Append("\" data-date=\"").Append(date).Append("\" data-used=\"").Append(day.Used)
                .Append("\" data-offered=\"").Append(day.Offered).Append("\"><title>").Append(date).Append(": ").Append(state)
                .Append(!open && day.Used > 0 ? $", yet {N(day.Used)} booked" : "").Append("</title>")
                .Append("<rect class=\"cell\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" width=\"").Append(CellWidth).Append("\" height=\"").Append(CellHeight).Append("\"/>")
                .Append("<text class=\"num\" x=\"").Append(F(x + 4)).Append("\" y=\"").Append(F(y + 12)).Append("\">").Append(day.Date.Day).Append("</text>");
            if (open || day.Used > 0)
            {
                var share = day.Offered == 0 ? 1 : Math.Min(1, (double)day.Used / day.Offered);
                var over = day.Used > day.Offered;
                html.Append("<text x=\"").Append(F(x + 4)).Append("\" y=\"").Append(F(y + 28)).Append("\">").Append(N(day.Used)).Append('/').Append(N(day.Offered)).Append("</text>")
                    .Append("<rect class=\"use\" x=\"").Append(F(x + 4)).Append("\" y=\"").Append(F(y + 35)).Append("\" width=\"").Append(CellWidth - 8).Append("\" height=\"6\"/>")
                    .Append("<rect class=\"").Append(over ? "used over" : "used").Append("\" x=\"").Append(F(x + 4)).Append("\" y=\"").Append(F(y + 35))
                    .Append("\" width=\"").Append(F(share * (CellWidth - 8))).Append("\" height=\"6\"/>");
            }
            else
            {
                var label = day.Kind switch { DayKind.Weekend => "", DayKind.Closed => "closed", DayKind.BeforeNotice => "notice", _ => "none" };
                html.Append("<text x=\"").Append(F(x + 4)).Append("\" y=\"").Append(F(y + 28)).Append("\">").Append(label).Append("</text>");
            }
            html.Append("</g>\n");
        }
        html.Append("</svg>\n<p class=\"legend\">Grey: no usable session (weekend, closed, before the minimum notice, or no sessions).</p>\n");
    }

    private static void Mix(StringBuilder html, PostReport post)
    {
        html.Append("<table class=\"mix\">\n");
        Head(html, "value", "applicants", "share", "target", "ceiling", "");
        html.Append("<tbody>\n");
        foreach (var line in post.Mix)
        {
            var over = line.Max is { } max && line.Count > max * line.Total;
            var bar = new StringBuilder();
            Bar(bar, line.Share, (double?)line.Target, (double?)line.Max, over);
            Row(html, E(line.Dimension) + " = " + E(line.Value), N(line.Count), Pct(line.Share),
                line.Target is { } t ? Pct(t) : "", line.Max is { } m ? Pct(m) : "", bar.ToString());
        }
        html.Append("</tbody>\n</table>\n<p class=\"legend\">Dashed green: target; red: ceiling (<code>max</code>).</p>\n");
    }

    private static void Reasons(StringBuilder html, PostReport post)
    {
        if (post.Unscheduled.Count == 0)
        {
            html.Append("<p class=\"none\">Every case assigned here is seated.</p>\n");
            return;
        }
        html.Append("<table class=\"reasons\">\n<tbody>\n");
        foreach (var reason in post.Unscheduled)
        {
            html.Append("<tr data-reason=\"").Append(reason.Code).Append("\"><th scope=\"row\">").Append(reason.Code).Append("</th><td>").Append(N(reason.Cases)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void PriorityDates(StringBuilder html, PostReport post)
    {
        if (post.PriorityDates.Count == 0)
        {
            html.Append("<p class=\"none\">No case here is seated, waiting or not current.</p>\n");
            return;
        }
        html.Append("<table class=\"pd\">\n");
        Head(html, "category", "chargeability", "final action", "seated", "applicants", "latest PD seated", "waiting", "earliest PD waiting", "not current");
        html.Append("<tbody>\n");
        foreach (var row in post.PriorityDates)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(row.Category)).Append("</th><td class=\"text\">").Append(E(row.Chargeability))
                .Append("</td><td>").Append(E(row.Cutoff)).Append("</td><td>").Append(N(row.SeatedCases)).Append("</td><td>").Append(N(row.SeatedApplicants))
                .Append("</td><td>").Append(Date(row.LatestSeated)).Append("</td><td>").Append(N(row.WaitingCases)).Append("</td><td>")
                .Append(Date(row.EarliestWaiting)).Append("</td><td>").Append(N(row.NotCurrent)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p class=\"legend\">Waiting: documentarily qualified, current, traveling, documents valid, yet not seated.</p>\n");
    }
}

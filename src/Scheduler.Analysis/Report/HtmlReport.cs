using System.Text;
using static Scheduler.Analysis.Report.Html;

namespace Scheduler.Analysis.Report;

/// <summary>A report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
/// (no font, image or style sheet by URL), posts folded in <c>&lt;details&gt;</c>. The markup is written
/// by hand and every value from the input files is escaped.</summary>
public static class HtmlReport
{
    /// <summary>Posts shown unfolded when a month has at most this many.</summary>
    public const int OpenPostsUpTo = 12;

    /// <summary>The page.</summary>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(64 * 1024 + model.Posts.Count * 16 * 1024);
        var run = model.Run;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // Nothing to fetch, not even the icon a browser asks for by default.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<title>Schedule report ").Append(E(run.Month)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        Header(html, model);
        html.Append("<main>\n");
        Overall(html, model);
        Reasons(html, model);
        Pools(html, model);
        PostIndex(html, model);
        html.Append("<section id=\"posts\">\n<h2>Posts</h2>\n");
        foreach (var post in model.Posts)
        {
            PostSection.Render(html, post, open: model.Posts.Count <= OpenPostsUpTo);
        }
        html.Append("</section>\n");
        if (model.Diff is { } diff)
        {
            DiffSection.Render(html, diff);
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, ReportModel model)
    {
        var run = model.Run;
        html.Append("<header>\n<h1>Schedule report <span class=\"month\">").Append(E(run.Month)).Append("</span></h1>\n<dl id=\"meta\">\n");
        void Item(string key, string label, string? value, string? note = null)
        {
            html.Append("<div><dt>").Append(E(label)).Append("</dt><dd data-key=\"").Append(key).Append("\">").Append(E(value ?? "–")).Append("</dd>");
            if (note is not null)
            {
                html.Append("<dd class=\"note\">").Append(E(note)).Append("</dd>");
            }
            html.Append("</div>\n");
        }
        Item("month", "month", run.Month);
        Item("asOf", "as of", run.AsOf);
        Item("solver", "solver", run.Solver);
        Item("seed", "seed", run.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item("workers", "workers", run.Workers?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item("status", "status", run.Status);
        Item("gap", "gap", run.GapText);
        Item("elapsed", "elapsed", run.ElapsedMs is { } ms ? N(ms) + " ms" : null);
        Item("engineVersion", "engine version", run.EngineVersion, run.EngineVersionComputed ? "this build's: summary.json does not name one" : null);
        Item("inputHash", "input hash", run.InputHash, run.InputHashComputed ? "computed from the scenario: summary.json does not name one" : null);
        html.Append("</dl>\n</header>\n");
    }

    private static void Overall(StringBuilder html, ReportModel model)
    {
        var o = model.Overall;
        html.Append("<section id=\"overall\">\n<h2>Month</h2>\n<div class=\"cards\">\n");
        void Card(string key, string label, string value)
        {
            html.Append("<div class=\"card\"><div class=\"label\">").Append(E(label)).Append("</div><div class=\"value\" data-key=\"").Append(key).Append("\">").Append(value).Append("</div></div>\n");
        }
        Card("scheduledCases", "cases seated", N(o.ScheduledCases));
        Card("scheduledApplicants", "applicants seated", N(o.ScheduledApplicants));
        Card("capacity", "seats offered", N(o.Capacity));
        Card("utilization", "utilization", Pct(o.Utilization));
        Card("fifoInversions", "FIFO inversions", N(o.FifoInversions));
        Card("mixDeviation", "mix deviation", D(o.MixDeviation));
        Card("interviewByMisses", "interview-by misses", N(o.InterviewByMisses));
        Card("posts", "posts", N(model.Posts.Count));
        html.Append("</div>\n</section>\n");
    }

    private static void Reasons(StringBuilder html, ReportModel model)
    {
        var total = Math.Max(1, model.Unscheduled.Sum(r => (long)r.Cases));
        html.Append("<section id=\"unscheduled\">\n<h2>Unscheduled cases by reason</h2>\n<table class=\"reasons\">\n");
        Head(html, "reason", "cases", "share");
        html.Append("<tbody>\n");
        foreach (var reason in model.Unscheduled)
        {
            var bar = new StringBuilder();
            Bar(bar, (double)reason.Cases / total);
            html.Append("<tr data-reason=\"").Append(reason.Code).Append("\"><th scope=\"row\">").Append(reason.Code).Append("</th><td>")
                .Append(N(reason.Cases)).Append("</td><td>").Append(bar).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Pools(StringBuilder html, ReportModel model)
    {
        html.Append("<section id=\"pools\">\n<h2>Visa numbers</h2>\n");
        if (model.Pools.Count == 0)
        {
            html.Append("<p class=\"none\">No numbers pools: every category is limited only by the bulletin.</p>\n</section>\n");
            return;
        }
        html.Append("<table class=\"pools\">\n");
        Head(html, "pool", "available", "allocated", "left", "used");
        html.Append("<tbody>\n");
        foreach (var pool in model.Pools)
        {
            var bar = new StringBuilder();
            Bar(bar, pool.Available == 0 ? 0 : (double)pool.Allocated / pool.Available);
            Row(html, E(pool.Category) + " " + E(pool.Chargeability), N(pool.Available), N(pool.Allocated), N(pool.Left), bar.ToString());
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void PostIndex(StringBuilder html, ReportModel model)
    {
        html.Append("<section id=\"index\">\n<h2>Posts at a glance</h2>\n<table class=\"index\">\n");
        Head(html, "post", "name", "cases", "seats used", "seats offered", "utilization", "", "FIFO", "mix dev.", "status");
        html.Append("<tbody>\n");
        foreach (var post in model.Posts)
        {
            var f = post.Figures;
            var bar = new StringBuilder();
            Bar(bar, f.Utilization, width: 100);
            html.Append("<tr><th scope=\"row\"><a href=\"#").Append(Anchor(post.Code)).Append("\">").Append(E(post.Code)).Append("</a></th><td class=\"text\">")
                .Append(E(post.Name)).Append("</td><td>").Append(N(f.ScheduledCases)).Append("</td><td>").Append(N(f.ScheduledApplicants))
                .Append("</td><td>").Append(N(f.Capacity)).Append("</td><td>").Append(Pct(f.Utilization)).Append("</td><td>").Append(bar)
                .Append("</td><td>").Append(N(f.FifoInversions)).Append("</td><td>").Append(D(f.MixDeviation)).Append("</td><td class=\"text\">")
                .Append(E(PostSection.SolverText(post.Solver))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private const string Css = """

        :root { --ink: #1d2430; --muted: #5f6b7a; --line: #d5dbe3; --fill: #2f6fb3; --track: #e8edf3; --over: #c0392b; --off: #eceff3; --target: #1b7f3b; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
        header { padding: 16px 24px; background: #f4f6f9; border-bottom: 1px solid var(--line); }
        h1 { margin: 0 0 8px; font-size: 22px; }
        h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        main { padding: 0 24px 32px; }
        #meta { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 0; }
        #meta div { min-width: 90px; }
        #meta dt { color: var(--muted); font-size: 12px; }
        #meta dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        #meta dd.note { font-weight: 400; font-size: 11px; color: var(--muted); }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 130px; }
        .card .label { color: var(--muted); font-size: 12px; }
        .card .value { font-size: 20px; font-weight: 600; }
        table { border-collapse: collapse; margin: 4px 0 12px; }
        th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
        thead th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; }
        tbody th { text-align: left; font-weight: 600; }
        td { text-align: right; font-variant-numeric: tabular-nums; }
        td.text { text-align: left; }
        .delta-up { color: var(--target); } .delta-down { color: var(--over); }
        svg.bar { vertical-align: middle; }
        svg.bar .track { fill: var(--track); }
        svg.bar .val { fill: var(--fill); }
        svg.bar .val.over { fill: var(--over); }
        svg.bar .target { stroke: var(--target); stroke-width: 2; stroke-dasharray: 3 2; }
        svg.bar .max { stroke: var(--over); stroke-width: 2; }
        details.post { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 0 12px; }
        details.post > summary { cursor: pointer; padding: 8px 0; font-weight: 600; }
        details.post > summary .figures { font-weight: 400; color: var(--muted); margin-left: 12px; }
        .post-body { display: flex; flex-wrap: wrap; gap: 8px 32px; padding-bottom: 12px; }
        .post-body > div { min-width: 300px; }
        svg.calendar text { font-size: 11px; fill: var(--ink); }
        svg.calendar text.head { fill: var(--muted); font-weight: 600; }
        svg.calendar text.num { font-size: 10px; fill: var(--muted); }
        svg.calendar .cell { fill: #fff; stroke: var(--line); }
        svg.calendar .off .cell { fill: var(--off); }
        svg.calendar .off text { fill: #9aa4b1; }
        svg.calendar .use { fill: var(--track); }
        svg.calendar .used { fill: var(--fill); }
        svg.calendar .used.over { fill: var(--over); }
        .legend { font-size: 12px; color: var(--muted); }
        .none { color: var(--muted); font-style: italic; }
        .variant { border-top: 2px solid var(--line); margin-top: 16px; }
        .side { display: flex; flex-wrap: wrap; gap: 8px 32px; }
        ul.cases { columns: 2; font-size: 12px; padding-left: 18px; }

        """;
}

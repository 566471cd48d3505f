using System.Globalization;
using System.Text;
using Scheduler.Analysis.WhatIf;
using static Scheduler.Analysis.Report.Html;

namespace Scheduler.Analysis.Report;

/// <summary>A what-if's <c>diff.json</c> on the page: per variant, the baseline and the variant side by
/// side with deltas; long lists are cut and say how many more there are.</summary>
internal static class DiffSection
{
    /// <summary>Most changed posts listed per variant.</summary>
    public const int PostsShown = 50;

    /// <summary>Most gained (and most lost) cases listed per variant.</summary>
    public const int CasesShown = 50;

    public static void Render(StringBuilder html, WhatIfDiff diff)
    {
        html.Append("<section id=\"whatif\">\n<h2>What-if</h2>\n<p>Month ").Append(E(diff.Month)).Append(", solver ").Append(E(diff.Solver))
            .Append(", seed ").Append(diff.Seed).Append(", workers ").Append(diff.Workers).Append(", engine ").Append(E(diff.EngineVersion))
            .Append(". ").Append(N(diff.Variants.Count)).Append(diff.Variants.Count == 1 ? " variant" : " variants").Append(" against the baseline.</p>\n");
        foreach (var variant in diff.Variants)
        {
            Variant(html, diff.Baseline, variant);
        }
        html.Append("</section>\n");
    }

    private static void Variant(StringBuilder html, RunDescription baseline, VariantDiff variant)
    {
        var run = variant.Run;
        html.Append("<div class=\"variant\" data-variant=\"").Append(E(run.Name)).Append("\">\n<h3>").Append(E(run.Name)).Append(": ")
            .Append(run.Changes.Count == 0 ? "no change" : E(string.Join(", ", run.Changes))).Append("</h3>\n<div class=\"side\">\n<div>\n<table class=\"runs\">\n");
        Head(html, "", "baseline", "variant");
        html.Append("<tbody>\n");
        Row(html, "name", E(baseline.Name), E(run.Name));
        Row(html, "as of", E(baseline.AsOf), E(run.AsOf));
        Row(html, "input hash", "<code>" + E(Short(baseline.InputHash)) + "</code>", "<code>" + E(Short(run.InputHash)) + "</code>");
        Row(html, "elapsed", N(baseline.ElapsedMs) + " ms", N(run.ElapsedMs) + " ms");
        Row(html, "posts solved / reused", N(baseline.PostsSolved) + " / " + N(baseline.PostsReused), N(run.PostsSolved) + " / " + N(run.PostsReused));
        Row(html, "cases moved", "", N(variant.Moved));
        Row(html, "posts unchanged", "", N(variant.PostsUnchanged));
        html.Append("</tbody>\n</table>\n</div>\n<div>\n<table class=\"overall-diff\">\n");
        Head(html, "figure", "baseline", "variant", "change");
        html.Append("<tbody>\n");
        var o = variant.Overall;
        Pair(html, "cases seated", o.ScheduledCases, false);
        Pair(html, "applicants seated", o.ScheduledApplicants, false);
        Pair(html, "seats offered", o.Capacity, false);
        Pair(html, "utilization", o.Utilization, false, percent: true);
        Pair(html, "FIFO inversions", o.FifoInversions, true);
        Pair(html, "mix deviation", o.MixDeviation, true);
        Pair(html, "interview-by misses", o.InterviewByMisses, true);
        html.Append("</tbody>\n</table>\n</div>\n</div>\n");

        if (variant.Categories.Count > 0)
        {
            html.Append("<h4>Seated per category</h4>\n<table class=\"categories-diff\">\n");
            Head(html, "category", "cases (baseline)", "cases (variant)", "change", "applicants (baseline)", "applicants (variant)", "change");
            html.Append("<tbody>\n");
            foreach (var category in variant.Categories)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(category.Category)).Append("</th>");
                Cells(html, category.Cases, false);
                Cells(html, category.Applicants, false);
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<h4>Changed posts</h4>\n");
        if (variant.Posts.Count == 0)
        {
            html.Append("<p class=\"none\">No post changed.</p>\n");
        }
        else
        {
            html.Append("<table class=\"posts-diff\">\n");
            Head(html, "post", "applicants (baseline)", "applicants (variant)", "change", "seats (baseline)", "seats (variant)", "change", "mix dev. (baseline)", "mix dev. (variant)", "change", "cases in / out");
            html.Append("<tbody>\n");
            foreach (var post in variant.Posts.Take(PostsShown))
            {
                html.Append("<tr><th scope=\"row\">").Append(E(post.Post)).Append("</th>");
                Cells(html, post.ScheduledApplicants, false);
                Cells(html, post.Capacity, false);
                Cells(html, post.MixDeviation, true);
                // Cases seated here in the variant only / in the baseline only: a post may trade cases with equal totals.
                html.Append("<td class=\"cases-in-out\">+").Append(N(post.CasesIn)).Append(" / \u2212").Append(N(post.CasesOut)).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
            More(html, variant.Posts.Count - PostsShown, "changed posts");
        }

        if (variant.Pools.Count > 0)
        {
            html.Append("<h4>Numbers pools that differ</h4>\n<table class=\"pools-diff\">\n");
            Head(html, "pool", "available (baseline)", "available (variant)", "change", "allocated (baseline)", "allocated (variant)", "change");
            html.Append("<tbody>\n");
            foreach (var pool in variant.Pools)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(pool.Category)).Append(' ').Append(E(pool.Chargeability)).Append("</th>");
                Cells(html, pool.Available, false);
                Cells(html, pool.Allocated, false);
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<div class=\"side\">\n");
        Cases(html, "gained", "Seated in the variant only", variant.Gained);
        Cases(html, "lost", "Seated in the baseline only", variant.Lost);
        html.Append("</div>\n</div>\n");
    }

    private static void Cases(StringBuilder html, string kind, string title, IReadOnlyList<CaseChange> cases)
    {
        html.Append("<div class=\"").Append(kind).Append("\">\n<h4>").Append(title).Append(" (").Append(N(cases.Count)).Append(")</h4>\n");
        if (cases.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n</div>\n");
            return;
        }
        html.Append("<table class=\"cases\">\n");
        Head(html, "case", "category", "chargeability", "priority date", "applicants", "post", "date", "start", "other run");
        html.Append("<tbody>\n");
        foreach (var c in cases.Take(CasesShown))
        {
            html.Append("<tr><th scope=\"row\">").Append(E(c.CaseId)).Append("</th><td class=\"text\">").Append(E(c.Category)).Append("</td><td class=\"text\">")
                .Append(E(c.Chargeability)).Append("</td><td>").Append(E(c.PriorityDate)).Append("</td><td>").Append(N(c.Applicants)).Append("</td><td class=\"text\">")
                .Append(E(c.Post)).Append("</td><td>").Append(E(c.Date)).Append("</td><td>").Append(E(c.Start)).Append("</td><td class=\"text\">").Append(E(c.Reason));
            if (c.ReasonPost is not null)
            {
                html.Append(" at ").Append(E(c.ReasonPost));
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        More(html, cases.Count - CasesShown, "cases");
        html.Append("</div>\n");
    }

    private static void More(StringBuilder html, int more, string what)
    {
        if (more > 0)
        {
            html.Append("<p class=\"more\">and ").Append(N(more)).Append(" more ").Append(what).Append(" (see diff.json)</p>\n");
        }
    }

    private static void Pair(StringBuilder html, string label, Pair pair, bool lowerIsBetter, bool percent = false)
    {
        html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th>");
        Cells(html, pair, lowerIsBetter, percent);
        html.Append("</tr>\n");
    }

    private static void Cells(StringBuilder html, Pair pair, bool lowerIsBetter, bool percent = false)
    {
        // Shares as the terminal shows them: one decimal, and a change between two shares in points.
        string Text(decimal value) => percent ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : D(value);
        string Change(decimal value) => percent ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pt" : D(value);
        var delta = pair.Delta;
        var better = lowerIsBetter ? delta < 0 : delta > 0;
        html.Append("<td>").Append(Text(pair.Baseline)).Append("</td><td>").Append(Text(pair.Variant)).Append("</td><td class=\"")
            .Append(delta == 0 ? "delta" : better ? "delta delta-up" : "delta delta-down").Append("\">")
            .Append(delta == 0 ? "0" : (delta > 0 ? "+" : "−") + Change(Math.Abs(delta))).Append("</td>");
    }

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;
}

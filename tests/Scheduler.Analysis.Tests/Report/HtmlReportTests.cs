using Scheduler.Analysis.Report;
using Scheduler.Analysis.WhatIf;

namespace Scheduler.Analysis.Tests.Report;

/// <summary>The page's markup: values from input files are text, never markup; nothing is fetched; long diff
/// lists are cut.</summary>
public sealed class HtmlReportTests
{
    [Fact]
    public void Render_IdsAndNamesThatLookLikeMarkup_AreEscaped()
    {
        var model = TinySchedule.Model();
        var post = model.Posts[0] with { Code = "<script>", Name = "<img src=x onerror=alert(1)>", Country = "\"&'" };
        var diff = ReportDiffs.Sample(caseId: "<script>alert('x')</script>", variants: 1, gained: 1);
        var html = HtmlReport.Render(model with { Posts = [post, .. model.Posts.Skip(1)], Diff = diff });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&amp;&#39;", html, StringComparison.Ordinal);
        Assert.Contains("id=\"post-.003cscript.003e\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#post-.003cscript.003e\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReferencesNoUrl()
    {
        var html = HtmlReport.Render(TinySchedule.Model() with { Diff = ReportDiffs.Sample() });
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, html.Split("<svg class=\"calendar\"").Length - 1);
        Assert.Equal(3 * 31, html.Split("<g class=\"day ").Length - 1);
    }

    [Fact]
    public void Render_ADiffsUtilizationChange_IsInPoints_AsTheTerminalShowsIt()
    {
        // The sample's utilization goes from 0.613636 to 0.696429: 61.4 % to 69.6 %, 8.3 points more.
        var html = HtmlReport.Render(TinySchedule.Model() with { Diff = ReportDiffs.Sample() });
        Assert.Contains("<th scope=\"row\">utilization</th><td>61.4 %</td><td>69.6 %</td><td class=\"delta delta-up\">+8.3 pt</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("+8.28 %", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ADiffWithLongCaseLists_ShowsTheFirstAndSaysHowManyMore()
    {
        var html = HtmlReport.Render(TinySchedule.Model() with { Diff = ReportDiffs.Sample(variants: 2, gained: DiffSection.CasesShown + 7) });
        Assert.Equal(2, html.Split("<div class=\"variant\"").Length - 1);
        Assert.Contains("and 7 more cases (see diff.json)", html, StringComparison.Ordinal);
        Assert.Contains("Seated in the variant only (57)", html, StringComparison.Ordinal);
        Assert.Contains("+12", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"cases-in-out\">+5 / \u22121</td>", html, StringComparison.Ordinal);
    }
}

/// <summary>What-if diffs built by hand, in the shape <c>whatif</c> writes.</summary>
internal static class ReportDiffs
{
    // The tiny example's input hash: the sample is a what-if of it, so report --diff takes it beside its schedule.
    private static readonly Lazy<string> TinyHash = new(() =>
        Scheduler.Files.Output.ScenarioHash.Of(Scheduler.Files.Input.ScenarioReader.Read(Support.AnalysisFolders.Tiny).Inputs!));

    public static WhatIfDiff Sample(string caseId = "C-04", int variants = 1, int gained = 1)
    {
        var figures = new Figures(15, 27, 44, 0.613636, 0, 1, 0);
        var baseline = new RunDescription("baseline", [], "2026-11-16", TinyHash.Value, figures, 400, 3, 0, "baseline/scenario", "baseline/schedule");
        var list = Enumerable.Range(1, variants).Select(v => new VariantDiff(
            new RunDescription($"variant-{v}", [$"posts.CDJ.sessions=07:30x{3 + v}"], "2026-11-16", "bbbb" + v, figures with { ScheduledApplicants = 27 + 12 }, 380, 1, 2, $"v{v}/scenario", $"v{v}/schedule"),
            new OverallDiff(new Pair(15, 19), new Pair(27, 39), new Pair(44, 56), new Pair(0.613636m, 0.696429m), new Pair(0, 0), new Pair(1, 1), new Pair(0, 0)),
            [new CategoryDiff("IR", new Pair(9, 10), new Pair(18, 22)), new CategoryDiff("F2A", new Pair(1, 2), new Pair(3, 5))],
            [new PostDiff("CDJ", new Pair(5, 9), new Pair(11, 23), new Pair(12, 24), new Pair(0.916667m, 0.958333m), new Pair(0, 0), new Pair(0, 0), []) { CasesIn = 5, CasesOut = 1 }],
            [new PoolDiff("F4", "MX", new Pair(4, 4), new Pair(2, 4))],
            [.. Enumerable.Range(0, gained).Select(i => new CaseChange(i == 0 ? caseId : $"G-{i:000}", "F2A", "MX", "2023-01-31", 2, "CDJ", "2026-12-28", "07:30", "NO_CAPACITY", "CDJ"))],
            [new CaseChange("C-12", "IR", "MX", "2024-12-01", 1, "CDJ", "2026-12-29", "07:30", "NO_CAPACITY", "CDJ")],
            3,
            2)).ToList();
        return new WhatIfDiff("2026-12", "cpsat", 1, 1, "1.0.0", baseline, list);
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;

namespace Scheduler.Analysis.Report;

/// <summary>The few pieces the report's HTML is made of. Every value from input files goes through
/// <see cref="E"/>: a case id or post name like <c>&lt;script&gt;</c> is text on the page.</summary>
internal static class Html
{
    /// <summary>Text or attribute value, escaped (<c>&lt; &gt; &amp; " '</c>).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A count with thousands separators.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A decimal figure (up to two places).</summary>
    public static string D(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A share as a percentage with up to two decimals.</summary>
    public static string Pct(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>An ISO date, or a dash.</summary>
    public static string Date(LocalDate? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "–";

    /// <summary>A number for SVG coordinates.</summary>
    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A post's anchor: <c>post-</c> and its code, any character but letters, digits, '-' and '_'
    /// written as '.' and its hex code, so distinct codes give distinct ids fit for a URL fragment.</summary>
    public static string Anchor(string code)
    {
        var id = new StringBuilder("post-");
        foreach (var ch in code)
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')
            {
                id.Append(ch);
            }
            else
            {
                id.Append('.').Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return id.ToString();
    }

    /// <summary>A horizontal bar of <paramref name="share"/> (0 to 1, clipped), with optional markers for a
    /// target (dashed) and a ceiling (solid red); <paramref name="over"/> paints the bar as a warning.</summary>
    public static void Bar(StringBuilder html, double share, double? target = null, double? max = null, bool over = false, int width = 160)
    {
        const int height = 12;
        var w = Math.Clamp(share, 0, 1) * width;
        html.Append("<svg class=\"bar\" width=\"").Append(width + 2).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width + 2).Append(' ').Append(height).Append("\" role=\"img\" aria-label=\"").Append(Pct(share)).Append("\">")
            .Append("<rect class=\"track\" x=\"1\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\"/>")
            .Append("<rect class=\"").Append(over ? "val over" : "val").Append("\" x=\"1\" width=\"").Append(F(w)).Append("\" height=\"").Append(height).Append("\"/>");
        if (target is { } t)
        {
            var x = F(1 + Math.Clamp(t, 0, 1) * width);
            html.Append("<line class=\"target\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"0\" y2=\"").Append(height).Append("\"/>");
        }
        if (max is { } m)
        {
            var x = F(1 + Math.Clamp(m, 0, 1) * width);
            html.Append("<line class=\"max\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"0\" y2=\"").Append(height).Append("\"/>");
        }
        html.Append("</svg>");
    }

    /// <summary>A table row of cells already escaped; the first is a row header.</summary>
    public static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr><th scope=\"row\">").Append(cells[0]).Append("</th>");
        foreach (var cell in cells.Skip(1))
        {
            html.Append("<td>").Append(cell).Append("</td>");
        }
        html.Append("</tr>\n");
    }

    /// <summary>A table's head row of literal column names.</summary>
    public static void Head(StringBuilder html, params string[] columns)
    {
        html.Append("<thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\">").Append(E(column)).Append("</th>");
        }
        html.Append("</tr></thead>\n");
    }
}

using System.Text;
using Scheduler.Core.Posts;
using Scheduler.Files.Json;
using Scheduler.Files.Output;

namespace Scheduler.Files.Input;

/// <summary>One post's capacity profile as one <c>posts.json</c> element, on its own: how the store
/// keeps a post and the HTTP API takes and gives one. Read with exactly the checks
/// <c>posts.json</c> gets (the same parser), so a bad entry gets the same message wherever it comes from.</summary>
public static class PostProfileJson
{
    /// <summary>The element of <c>posts.json</c> for <paramref name="post"/>, ending with a line break.</summary>
    public static string Write(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new StringBuilder().AppendPost(post, "").Append('\n').ToString();
    }

    /// <summary>Parses one element; every problem goes to <paramref name="problems"/> as
    /// <c>source:line: message</c>, lines counted in <paramref name="json"/>.</summary>
    /// <param name="json">One JSON object, as an element of <c>posts.json</c>.</param>
    /// <param name="source">The name problems are reported under (a file name, a request, a row).</param>
    /// <param name="problems">Where problems and warnings go.</param>
    /// <param name="path">How messages name the entry: <c>post</c> by default (<c>post (MNL).closed: ...</c>);
    /// <c>posts[3]</c> gives the very message <c>posts.json</c> gives for its fourth element.</param>
    /// <param name="month">When given, the profile is for this month: its closed days and day
    /// overrides must fall in it (an upload for a month says nothing about another).</param>
    /// <param name="refuseUnknownProperties">When true, a property the spec does not know is a problem, not a warning:
    /// an upload replaces the whole profile, so a misspelt field (<c>"sesions"</c>) would silently empty it.
    /// Files keep the warning (formats grow by new optional fields).</param>
    /// <returns>The post, or null when any problem was found.</returns>
    public static Post? Read(string json, string source, ProblemList problems, string path = "post", NodaTime.YearMonth? month = null,
        bool refuseUnknownProperties = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var root = JsonTree.Parse(Encoding.UTF8.GetBytes(json), out var errorLine, out var error);
        if (root is null)
        {
            problems.Add(source, errorLine, error ?? "malformed JSON");
            return null;
        }
        var post = PostElement.Read(root, path, new PostProblems(source, problems, refuseUnknownProperties));
        if (post is not null && month is { } m)
        {
            var where = $"{path} ({post.Code.Value})";
            foreach (var day in post.Closed.Where(d => d.ToYearMonth() != m).Order())
            {
                problems.Add(source, root["closed"]?.Line ?? root.Line, $"{where}.closed: {Values.Format(day)} is not in {Values.Format(m)}");
            }
            foreach (var day in post.Days.Keys.Where(d => d.ToYearMonth() != m).Order())
            {
                problems.Add(source, root["days"]?.Line ?? root.Line, $"{where}.days: {Values.Format(day)} is not in {Values.Format(m)}");
            }
            // An upload's targets, shares of the month's applicants, cannot ask for more than all of them in
            // one dimension. (posts.json files are not refused for it: existing files stay readable, and
            // the engine treats targets as wishes.)
            foreach (var dimension in post.Mix.Where(r => r.Kind == MixRuleKind.Target).GroupBy(r => r.Dimension))
            {
                if (dimension.Sum(r => r.Share) is var sum && sum > 1)
                {
                    var name = char.ToLowerInvariant(dimension.Key.ToString()[0]) + dimension.Key.ToString()[1..];
                    problems.Add(source, root["mix"]?.Line ?? root.Line,
                        $"{where}.mix: the {name} targets add up to {sum.ToString(System.Globalization.CultureInfo.InvariantCulture)}, more than 1");
                }
            }
        }
        return problems.Count == before ? post : null;
    }
}

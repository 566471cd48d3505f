using System.Text.Json;
using Scheduler.Core.Posts;
using Scheduler.Files.Json;

namespace Scheduler.Files.Input;

/// <summary>Reads <c>posts.json</c>: the posts and their capacity preferences.</summary>
internal static class PostsReader
{
    private const string File = "posts.json";

    /// <summary>The posts with the line each one starts on, or null when any problem was found.
    /// Whether their codes are unique is the <see cref="Core.Scenarios.ScenarioAssembler"/>'s to judge.</summary>
    public static List<(Post Post, int Line)>? Read(string path, ProblemList problems)
    {
        var before = problems.Count;
        var root = JsonTree.Parse(System.IO.File.ReadAllBytes(path), out var errorLine, out var error);
        if (root is null)
        {
            problems.Add(File, errorLine, error ?? "malformed JSON");
            return null;
        }
        if (root.Kind != JsonValueKind.Array)
        {
            problems.Add(File, root.Line, "expected a JSON array of posts");
            return null;
        }
        var posts = new List<(Post, int)>();
        for (var i = 0; i < root.Items.Count; i++)
        {
            if (PostElement.Read(root.Items[i], $"posts[{i}]", new PostProblems(File, problems)) is { } post)
            {
                posts.Add((post, root.Items[i].Line));
            }
        }
        return problems.Count == before ? posts : null;
    }
}

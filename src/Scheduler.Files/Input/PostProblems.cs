namespace Scheduler.Files.Input;

/// <summary>A <see cref="ProblemList"/> bound to the source a post is read from (<c>posts.json</c>,
/// or the name an API request or a store row is reported under).</summary>
internal sealed class PostProblems(string source, ProblemList problems, bool refuseUnknownProperties = false)
{
    /// <summary>Whether a property the spec does not know is a problem (an upload) rather than a warning (a file).</summary>
    public bool RefuseUnknownProperties => refuseUnknownProperties;

    /// <summary>Records a problem at <paramref name="line"/> of the source.</summary>
    public void Add(int line, string message) => problems.Add(source, line, message);

    /// <summary>Records a warning at <paramref name="line"/> of the source.</summary>
    public void Warn(int line, string message) => problems.Warn(source, line, message);
}

using Scheduler.Files.Input;

namespace Scheduler.Api.Endpoints;

/// <summary>RFC 9457 problem details for what the file readers report: each problem keyed by the
/// field it names (<c>sessions[0].applicants</c>), with the reader's own message.</summary>
public static class ApiProblems
{
    /// <summary>The reader's problems as a validation problem's errors.</summary>
    /// <param name="problems">What the reader found.</param>
    /// <param name="path">The name the reader gave the object (<c>profile</c>).</param>
    public static Dictionary<string, string[]> Errors(ProblemList problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var problem in problems.Items)
        {
            var (field, message) = Split(problem.Message, path);
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }
        if (problems.Count > problems.Items.Count)
        {
            errors["body"] = [.. errors.GetValueOrDefault("body") ?? [], $"... and {problems.Count - problems.Items.Count} more problems"];
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>"profile (MNL).sessions[0].applicants: expected ..." is field <c>sessions[0].applicants</c>.</summary>
    private static (string Field, string Message) Split(string text, string path)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 || !text.StartsWith(path, StringComparison.Ordinal))
        {
            return ("body", text);
        }
        var where = text[path.Length..colon];
        if (where.StartsWith(" (", StringComparison.Ordinal) && where.IndexOf(')', StringComparison.Ordinal) is var close and > 0)
        {
            where = where[(close + 1)..];
        }
        where = where.TrimStart('.');
        var message = text[(colon + 2)..];
        // Mix rules name their field after the colon ("mix[0]: dimension: expected ..."): keep it in the key.
        var inner = message.IndexOf(": ", StringComparison.Ordinal);
        if (inner > 0 && !message[..inner].Contains(' ', StringComparison.Ordinal))
        {
            where = where.Length == 0 ? message[..inner] : $"{where}.{message[..inner]}";
            message = message[(inner + 2)..];
        }
        return (where.Length == 0 ? "body" : where, message);
    }
}

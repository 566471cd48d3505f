using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Scheduler.Api.Endpoints;

/// <summary>A request whose JSON body or query parameter does not bind (malformed JSON, <c>"seed": "x"</c>,
/// <c>?limit=abc</c>) as an RFC 9457 validation problem naming the field or parameter, instead of a bare 400. Other
/// exceptions are left to the default handler.</summary>
internal sealed partial class BindingProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        http.Response.StatusCode = bad.StatusCode;
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            // Not a field's fault (a body over the size limit: 413): the framework's message says what.
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http, Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = bad.StatusCode, Detail = bad.Message,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                },
            });
        }
        var (field, message) = Describe(bad);
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request has problems",
            Detail = $"{field}: {message}",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The field a binding failure is about, and what is wrong with it, in words for the caller (never the
    /// framework's type names).</summary>
    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            // A value of the wrong type names its field; anything else is JSON that does not parse, a problem of the whole body.
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
            if (path.Length == 0 || !json.Message.Contains("could not be converted", StringComparison.Ordinal))
            {
                return ("body", $"malformed JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})");
            }
            return (path, "has the wrong type for this field (see the OpenAPI document)");
        }
        // "Failed to bind parameter "int? limit" from "abc"."
        if (BindParameter().Match(bad.Message) is { Success: true } bind)
        {
            return (bind.Groups["name"].Value, $"'{bind.Groups["value"].Value}' is not a valid {Kind(bind.Groups["type"].Value)}");
        }
        // "Required parameter "MonthSettings body" was not provided from body." and the like.
        if (NamedParameter().Match(bad.Message) is { Success: true } named)
        {
            return (named.Groups["name"].Value == "body" ? "body" : named.Groups["name"].Value, bad.Message.Contains("not provided", StringComparison.Ordinal)
                ? "required" : "could not be read");
        }
        return ("body", "the request could not be read");
    }

    private static string Kind(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "whole number",
        "bool" or "Boolean" => "true or false",
        _ => "value",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>[^"]+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex BindParameter();

    [GeneratedRegex("""parameter "(?:\S+ )?(?<name>[^" ]+)" """)]
    private static partial Regex NamedParameter();
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Api.Endpoints;

/// <summary>An endpoint whose body is read by its handler (a file upload, a profile as text), documented as
/// <paramref name="MediaType"/> text. Used instead of <c>Accepts</c>, whose content-type matching happens in routing,
/// before authentication (a request without a key got 415, not 401).</summary>
public sealed record RequestBodyDoc(string MediaType);

/// <summary>An endpoint under a strong ETag: its responses carry <c>ETag</c>; with <paramref name="IfMatch"/>, it requires
/// the <c>If-Match</c> header.</summary>
public sealed record ETagDoc(bool IfMatch);

/// <summary>Writes what the endpoints' metadata says about bodies and preconditions into the OpenAPI document.</summary>
internal static class ApiDocs
{
    /// <summary>The operation transformer.</summary>
    public static Task Transform(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequestBodyDoc>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [body.MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }
        if (metadata.OfType<ETagDoc>().LastOrDefault() is { } etag)
        {
            if (etag.IfMatch)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match", In = ParameterLocation.Header, Required = true,
                    Description = "The ETag of the profile being replaced (from GET), or a list of them; * matches the current profile. Without it: 428; stale: 412.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Description = "The profile as one element of posts.json (code, weekend, minNoticeDays, sessions, closed, days, mix; "
                                + "name, country, timeZone, serves and designatedFor are the post's identity, given but not changed by PUT).",
                        },
                    },
                };
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The profile's strong entity tag (SHA-256 of its canonical form); send it back as If-Match.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
                response.Headers[ProfilesApi.ProfileFromHeader] = new OpenApiHeader
                {
                    Description = "The month (yyyy-MM) of the upload in effect: earlier than the URL's when the profile is carried over; absent when the post has none.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
                if (!etag.IfMatch)
                {
                    response.Headers[ProfilesApi.FrozenByHeader] = new OpenApiHeader
                    {
                        Description = "The id of the month's committed batch, when it has one: the profile is frozen (PUT gets 409).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    };
                }
            }
        }
        return Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.Authorization;

namespace Scheduler.Api.Auth;

/// <summary>Who may do what: one place, not checks scattered in handlers.</summary>
public static class Policies
{
    /// <summary>NVC's administrator keys only.</summary>
    public const string Admin = "admin";

    /// <summary>The key of the post named by the route's <c>{code}</c>, or an administrator's.</summary>
    public const string OwnPost = "own-post";

    /// <summary>Registers the policies.</summary>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiClaims.Admin));
        options.AddPolicy(OwnPost, policy => policy.RequireAuthenticatedUser().AddRequirements(new OwnPostRequirement()));
    }
}

/// <summary>The route's post is the key's post (or the key is an administrator's).</summary>
public sealed class OwnPostRequirement : IAuthorizationRequirement;

/// <summary>Judges <see cref="OwnPostRequirement"/> from the route value <c>code</c>, compared as post codes are.</summary>
public sealed class OwnPostHandler : AuthorizationHandler<OwnPostRequirement>
{
    /// <inheritdoc/>
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnPostRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.HasClaim(c => c.Type == ApiClaims.Admin))
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http && http.Request.RouteValues.TryGetValue("code", out var code)
            && code is string text && context.User.FindFirst(ApiClaims.Post)?.Value is { } own
            && string.Equals(new Core.Posts.PostCode(text).Value, own, StringComparison.Ordinal))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

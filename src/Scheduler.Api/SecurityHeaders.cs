namespace Scheduler.Api;

/// <summary>Headers every response carries, the page's files and the API's answers alike: no content sniffing, never in a
/// frame (clickjacking of the upload form), no referrer sent onwards.</summary>
internal static class SecurityHeaders
{
    /// <summary>The middleware: sets the headers as the response starts (after an exception handler may have cleared them).</summary>
    public static Task Add(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The page's policy (also in its meta element), with what only a header can say: frame-ancestors.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        }, http.Response);
        return next();
    }
}

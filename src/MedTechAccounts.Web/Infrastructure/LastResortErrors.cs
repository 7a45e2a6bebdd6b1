using System.Globalization;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// Outside Development, the answer when the error page itself fails (an exception while the request is being
/// authenticated fails again when the error page authenticates): the exception handler then re-throws, and the server
/// would send an empty 500. This answers 500 with a trace id instead (problem details on the API, a short page
/// elsewhere), naming nothing of the exception, with the security headers.
/// </summary>
public static class LastResortErrors
{
    public static IApplicationBuilder UseLastResortErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LastResortErrors))
                .LogError(exception, "The request failed and so did its error page");
            var traceId = ProblemAnswers.TraceId(context);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.Headers.CacheControl = "no-store";
            // Clearing dropped the HSTS header its middleware (further in) had set; the others are set as the answer starts.
            if (context.Request.IsHttps)
            {
                var hsts = context.RequestServices.GetRequiredService<IOptions<HstsOptions>>().Value;
                context.Response.Headers.StrictTransportSecurity = string.Create(CultureInfo.InvariantCulture,
                    $"max-age={(long)hsts.MaxAge.TotalSeconds}{(hsts.IncludeSubDomains ? "; includeSubDomains" : "")}{(hsts.Preload ? "; preload" : "")}");
            }

            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await ProblemAnswers.WriteAsync(context, StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong</title></head><body><main><h1>Something went wrong</h1>"
                    + $"<p>An unexpected error occurred. It has been logged. Error 500, request id {System.Net.WebUtility.HtmlEncode(traceId)}.</p></main></body></html>");
            }
        }
    });
}

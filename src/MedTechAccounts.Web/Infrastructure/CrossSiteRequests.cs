using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// Defence against cross-site request forgery beside the antiforgery tokens and the same-site cookies: a write whose
/// <c>Origin</c> (or, without one, <c>Referer</c>) names another site is refused with 403 before it reaches any endpoint.
/// Clients that send neither (the integration client, curl) are left to the token and cookie rules.
/// </summary>
public static class CrossSiteRequests
{
    public const string RefusalTitle = "Cross-site request refused";

    /// <param name="publicOrigin">The issuer's origin: behind a TLS-terminating proxy the request itself may read http.</param>
    public static IApplicationBuilder UseCrossSiteRequestRefusal(this IApplicationBuilder app, Uri publicOrigin) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }

        var claimed = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : request.Headers.Referer.ToString();
        if (claimed.Length == 0 || IsSameSite(claimed, request, publicOrigin))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = RefusalTitle,
                Detail = "This request came from a page of another site. Nothing was changed.",
                Extensions = { ["traceId"] = ProblemAnswers.TraceId(context) },
            },
        });
    });

    private static bool IsSameSite(string claimed, HttpRequest request, Uri publicOrigin) =>
        Uri.TryCreate(claimed, UriKind.Absolute, out var source)
        && (SameOrigin(source, publicOrigin)
            || (string.Equals(source.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(source.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)));

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}

/// <summary>
/// A form posted without a valid antiforgery token gets the error page saying so (400), instead of an empty 400 that
/// reads like a malformed request: the form may simply have outlived its session.
/// </summary>
public sealed class AntiforgeryRefusalFilter : IAlwaysRunResultFilter
{
    public const string Heading = "Form expired or not sent from this site";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        // The authorization filter refuses before any controller exists, so the page gets its own view data.
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
            context.Result = new ViewResult
            {
                ViewName = "Error",
                StatusCode = StatusCodes.Status400BadRequest,
                ViewData = new ViewDataDictionary(metadata, context.ModelState)
                {
                    Model = StatusCodes.Status400BadRequest,
                    ["Heading"] = Heading,
                    ["Message"] = "Nothing was changed. Reload the page and send the form again.",
                },
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

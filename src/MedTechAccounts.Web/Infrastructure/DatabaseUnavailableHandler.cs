using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// An unreachable or unwritable database answers 503 with <c>Retry-After</c> instead of a 500:
/// problem details for /api, the error page for people. Nothing of the exception is shown. The
/// answer is written here rather than by re-running the request through /error, because that would
/// sign the user in again, which needs the database.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseUnavailable.Observe(exception))
        {
            return false;
        }

        // The exception handler has already pointed the request at /error; the feature keeps the original path.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        LogUnavailable(exception, path);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || path.Equals("/api", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The database is unavailable.",
                detail: $"Nothing was changed. Try again in {RetryAfterSeconds} seconds.").ExecuteAsync(httpContext);
            return true;
        }

        // The layout builds links; with an endpoint set, its URL helper uses endpoint routing.
        httpContext.SetEndpoint(new Endpoint(null, EndpointMetadataCollection.Empty, "Database unavailable"));
        var services = httpContext.RequestServices;
        var page = new ViewResult
        {
            ViewName = "~/Views/Shared/Error.cshtml",
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ViewData = new ViewDataDictionary<int?>(services.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary())
            {
                Model = StatusCodes.Status503ServiceUnavailable,
            },
        };
        await page.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable; {Path} answered 503")]
    private partial void LogUnavailable(Exception exception, string path);
}

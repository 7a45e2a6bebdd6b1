namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// HEAD is GET without a body (RFC 9110, 9.3.2): monitors and proxies use it. Every GET route answers HEAD with the
/// status and headers of the GET (an anonymous HEAD on /api is 401 as the GET is); the body is discarded.
/// OPTIONS stays refused (405 with <c>Allow</c>): the app serves no cross-origin callers, so there is no CORS preflight to answer.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        // The server decides on a body when the headers go out: it must see HEAD by then.
        context.Response.OnStarting(() =>
        {
            context.Request.Method = HttpMethods.Head;
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}

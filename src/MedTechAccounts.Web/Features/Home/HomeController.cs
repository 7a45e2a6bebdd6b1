using Mediator;
using MedTechAccounts.Core.Features.Interactions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Home;

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class HomeController(ISender sender) : Controller
{
    /// <summary>A rep's day: open next steps, their accounts and a quick way to log a visit; a welcome for the other roles.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index() => View(await sender.Send(new RepHome.Query()));

    /// <summary>Error page without internals (no stack traces outside Development).</summary>
    /// Any method: the status-code pages re-run the failed request (PUT, DELETE…) here.
    [Route("/error"), Route("/error/{status:int}"), AllowAnonymous, IgnoreAntiforgeryToken]
    public IActionResult Error([FromRoute] int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
        if (path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(statusCode: code, title: code == 500 ? "An unexpected error occurred." : null);
        }

        Response.StatusCode = code;
        return code == StatusCodes.Status404NotFound ? View("NotFound") : View("Error", code);
    }
}

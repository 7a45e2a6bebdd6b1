using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Offline;

/// <summary>The signed-in session, for the tablet's outbox before it sends what it kept.</summary>
[Route("api/antiforgery")]
public sealed class AntiforgeryApiController(IAntiforgery antiforgery, ICurrentUser currentUser) : ApiControllerBase
{
    /// <summary>A token from the cookie's session, to send in <c>headerName</c>.</summary>
    public sealed record Result(string RequestToken, string HeaderName, Guid? UserId, string UserName);

    /// <summary>
    /// A fresh antiforgery token for cookie-authenticated writes (send it in the <c>RequestVerificationToken</c>
    /// header) and who it belongs to. The tablet's outbox asks for one before each sync run, so a token
    /// from a page loaded before a new sign-in is never used; 401 means the session expired.
    /// </summary>
    [HttpGet]
    [ProducesResponseType(typeof(Result), StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public Result Get()
    {
        var tokens = antiforgery.GetAndStoreTokens(HttpContext);
        // The token is tied to this session: never kept by a cache.
        Response.Headers.CacheControl = "no-store";
        return new Result(tokens.RequestToken ?? "", tokens.HeaderName ?? "RequestVerificationToken", currentUser.UserId, currentUser.Name);
    }
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Filters;
using OpenIddict.Validation.AspNetCore;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// /api writes need an antiforgery token when they are authenticated by the browser's cookie
/// (a cross-site page could otherwise ride it); bearer-token calls cannot be forged that way.
/// </summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return;
        }

        var bearer = await context.HttpContext.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (bearer.Succeeded)
        {
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.ObjectResult(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Antiforgery token missing or invalid",
                Detail = "Cookie-authenticated writes must send the RequestVerificationToken header; API clients use a bearer token.",
            }) { StatusCode = StatusCodes.Status400BadRequest };
        }
    }
}

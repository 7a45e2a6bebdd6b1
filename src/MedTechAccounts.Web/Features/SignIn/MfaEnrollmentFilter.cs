using MedTechAccounts.Core.Domain;
using MedTechAccounts.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MedTechAccounts.Web.Features.SignIn;

/// <summary>
/// Administrators and executives must sign in with a second factor. Until they have set up an
/// authenticator, every page but the set-up and sign-out sends them to the set-up page, and the
/// API refuses them (403). Once enrolled, a session or token that was signed in without the code
/// (its <c>amr</c> claim is not <c>mfa</c>) is still refused: a token minted before enrolment never
/// becomes valid by it.
/// </summary>
public sealed class MfaEnrollmentFilter(UserManager<ApplicationUser> userManager) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || !SecondFactor.IsRequired(user))
        {
            return;
        }

        if (context.ActionDescriptor.RouteValues.TryGetValue("controller", out var controller)
            && controller is "Account" or "Authorization")
        {
            return;
        }

        var account = await userManager.GetUserAsync(user);
        if (account is null || (account.TwoFactorEnabled && SecondFactor.WasUsed(user)))
        {
            return;
        }

        var isApi = context.HttpContext.Request.Path.StartsWithSegments("/api");
        var returnUrl = context.HttpContext.Request.Path + context.HttpContext.Request.QueryString;
        if (account.TwoFactorEnabled && !isApi)
        {
            // Enrolled, but this session (a cookie from before the sign-in method was recorded) did not use the code.
            context.Result = new RedirectToActionResult(nameof(AccountController.Login), "Account", new { returnUrl = returnUrl.ToString() });
            return;
        }

        context.Result = isApi
            ? new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Two-factor sign-in required",
                Detail = "Administrators and executives must set up an authenticator app and sign in with its code before using the application.",
            }) { StatusCode = StatusCodes.Status403Forbidden }
            : new RedirectToActionResult(nameof(AccountController.Authenticator), "Account", new { returnUrl = returnUrl.ToString() });
    }
}

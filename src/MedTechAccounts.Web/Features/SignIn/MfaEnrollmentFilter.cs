using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MedTechAccounts.Web.Features.SignIn;

/// <summary>
/// Administrators and executives must sign in with a second factor. Until they have set up an
/// authenticator, every page but the set-up and sign-out sends them to the set-up page, and the
/// API refuses them (403).
/// </summary>
public sealed class MfaEnrollmentFilter(UserManager<ApplicationUser> userManager) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || !(user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Executive)))
        {
            return;
        }

        if (context.ActionDescriptor.RouteValues.TryGetValue("controller", out var controller)
            && controller is "Account" or "Authorization")
        {
            return;
        }

        var account = await userManager.GetUserAsync(user);
        if (account is null || account.TwoFactorEnabled)
        {
            return;
        }

        context.Result = context.HttpContext.Request.Path.StartsWithSegments("/api")
            ? new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Two-factor sign-in required",
                Detail = "Administrators and executives must set up an authenticator app before using the application.",
            }) { StatusCode = StatusCodes.Status403Forbidden }
            : new RedirectToActionResult(nameof(AccountController.Authenticator), "Account",
                new { returnUrl = context.HttpContext.Request.Path + context.HttpContext.Request.QueryString });
    }
}

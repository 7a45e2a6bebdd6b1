using System.Security.Claims;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MedTechAccounts.Web.Features.SignIn;

/// <summary>
/// The OpenID Connect passthrough endpoints. OpenIddict validates the protocol; these actions
/// decide who the token is for. Every token exchange re-checks that the user may still sign in.
/// </summary>
[OpenToProduct]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AuthorizationController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    IOpenIddictApplicationManager applications,
    UserSessions sessions) : Controller
{
    // OpenIddict authenticates the protocol endpoints itself (client authentication, codes, tokens).
    [HttpGet("~/connect/authorize"), HttpPost("~/connect/authorize"), IgnoreAntiforgeryToken, AllowAnonymous]
    public async Task<IActionResult> Authorize()
    {
        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var cookie = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Error(Errors.LoginRequired, "The user is not signed in."), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            var returnUrl = Request.PathBase + Request.Path + QueryString.Create(
                Request.HasFormContentType ? Request.Form.ToList() : Request.Query.ToList());
            return Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, IdentityConstants.ApplicationScheme);
        }

        var user = await userManager.GetUserAsync(cookie.Principal!);
        if (user is null || !await signInManager.CanSignInAsync(user) || !user.IsActive)
        {
            return Forbid(Error(Errors.AccessDenied, "The user may no longer sign in."), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // No token for a user who needs the second factor unless this session used it: a token minted
        // now would otherwise be as good as a second factor later. Enrolment (or a new sign-in with the
        // code) brings the user back here.
        if (SecondFactor.IsRequired(cookie.Principal!) && !SecondFactor.WasUsed(cookie.Principal!))
        {
            var back = Request.PathBase + Request.Path + QueryString.Create(
                Request.HasFormContentType ? Request.Form.ToList() : Request.Query.ToList());
            return user.TwoFactorEnabled
                ? Challenge(new AuthenticationProperties { RedirectUri = back }, IdentityConstants.ApplicationScheme)
                : RedirectToAction(nameof(AccountController.Authenticator), "Account", new { returnUrl = back.ToString() });
        }

        var principal = await CreateUserPrincipalAsync(user, request.GetScopes(), cookie.Principal!);
        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    [HttpPost("~/connect/token"), IgnoreAntiforgeryToken, AllowAnonymous, Produces("application/json")]
    [EnableRateLimiting(SignInRegistration.SignInRateLimit)]
    public async Task<IActionResult> Exchange()
    {
        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!)
                ?? throw new InvalidOperationException("The client application cannot be found.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application));
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application));
            identity.SetClaim(Claims.ClientId, request.ClientId);
            identity.AddClaim(new Claim(Claims.Role, SignInRoles.Integration));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var stored = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            // The code or refresh token keeps the security stamp it was issued under: a sign-out,
            // deactivation or second-factor change since then renewed the stamp, and the grant ends.
            var user = stored.Principal is { } storedPrincipal ? await signInManager.ValidateSecurityStampAsync(storedPrincipal) : null;
            if (user is null || !user.IsActive || !await signInManager.CanSignInAsync(user))
            {
                return Forbid(Error(Errors.InvalidGrant, "The token is no longer valid for this user."), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            var principal = await CreateUserPrincipalAsync(user, stored.Principal!.GetScopes(), stored.Principal!);
            return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return BadRequest(new OpenIddictResponse { Error = Errors.UnsupportedGrantType, ErrorDescription = "This grant type is not supported." });
    }

    /// <summary>The request's parameters, carried by the confirmation form to the POST that signs out.</summary>
    public sealed record EndSessionConfirmation(IReadOnlyList<KeyValuePair<string, string>> Parameters);

    // GET only asks: a link, an image or a prefetch must not sign anyone out. The form posts back with
    // the request's parameters and an antiforgery token.
    [HttpGet("~/connect/endsession"), AllowAnonymous]
    public IActionResult EndSession() => View(new EndSessionConfirmation(
        [.. Request.Query.Where(q => q.Key != "__RequestVerificationToken").Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))]));

    [HttpPost("~/connect/endsession"), ActionName(nameof(EndSession)), ValidateAntiForgeryToken, AllowAnonymous]
    public async Task<IActionResult> EndSessionConfirmed()
    {
        if (await userManager.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(user, HttpContext.RequestAborted);
        }

        await signInManager.SignOutAsync();
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    [Authorize(AuthenticationSchemes = OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)]
    [HttpGet("~/connect/userinfo"), HttpPost("~/connect/userinfo"), IgnoreAntiforgeryToken, Produces("application/json")]
    public async Task<IActionResult> UserInfo()
    {
        // A client-credentials token's subject is the client, not a user id.
        var user = Guid.TryParse(User.GetClaim(Claims.Subject), out var id) ? await userManager.FindByIdAsync(id.ToString()) : null;
        if (user is null)
        {
            return Challenge(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        }

        return Ok(new Dictionary<string, object?>
        {
            [Claims.Subject] = user.Id.ToString(),
            [Claims.Email] = user.Email,
            [Claims.Name] = user.DisplayName,
            [Claims.Role] = await userManager.GetRolesAsync(user),
        });
    }

    /// <summary>The user as the database has them now, with the sign-in method of <paramref name="signedIn"/> (cookie or earlier grant).</summary>
    private async Task<ClaimsPrincipal> CreateUserPrincipalAsync(ApplicationUser user, IEnumerable<string> scopes, ClaimsPrincipal signedIn)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.SetClaim(SecondFactor.ClaimType, SecondFactor.WasUsed(signedIn) ? SecondFactor.MultiFactor : SecondFactor.Password);
        identity.SetClaim(Claims.Subject, user.Id.ToString());
        identity.SetClaim(Claims.Email, user.Email);
        identity.SetClaim(Claims.Name, user.DisplayName);
        identity.SetScopes(scopes);
        identity.SetResources(SignInRegistration.ApiScope);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Claims.Role when identity.HasScope(Scopes.Profile) || identity.HasScope(Scopes.Roles) =>
                [Destinations.AccessToken, Destinations.IdentityToken],
            SecondFactor.ClaimType => [Destinations.AccessToken, Destinations.IdentityToken],
            // The security stamp never leaves the server.
            "AspNet.Identity.SecurityStamp" => [],
            _ => [Destinations.AccessToken],
        });
        return principal;
    }

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}

using System.Security.Claims;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// How a session was signed in, as one <c>amr</c> claim (RFC 8176): <c>pwd</c> for a password
/// alone, <c>mfa</c> with the authenticator code. The cookie keeps it across security-stamp
/// refreshes and the tokens minted from the cookie carry it, so a token issued without the second
/// factor never serves a user who needs one, even after that user enrols.
/// </summary>
public static class SecondFactor
{
    public const string ClaimType = OpenIddictConstants.Claims.AuthenticationMethodReference;
    public const string Password = "pwd";
    public const string MultiFactor = "mfa";

    /// <summary>Administrators and executives must sign in with a second factor (design section 10).</summary>
    public static bool IsRequired(ClaimsPrincipal principal) =>
        principal.IsInRole(Roles.Admin) || principal.IsInRole(Roles.Executive);

    public static bool WasUsed(ClaimsPrincipal principal) => principal.HasClaim(ClaimType, MultiFactor);

    public static Claim Claim(bool multiFactor) => new(ClaimType, multiFactor ? MultiFactor : Password);

    /// <summary>The security-stamp check rebuilds the cookie's principal from the database; the sign-in method survives it.</summary>
    public static Task KeepOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } amr && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == ClaimType))
        {
            identity.AddClaim(new Claim(ClaimType, amr.Value));
        }

        return Task.CompletedTask;
    }
}

using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace MedTechAccounts.Core.Infrastructure;

/// <summary>
/// Ends every session of a user at once: a new security stamp refuses their cookies at the next
/// request, and their OpenID Connect tokens and authorizations are revoked, which token entry
/// validation checks on every bearer request and the token endpoint on every refresh. Used at
/// sign-out, deactivation and any change of the second factor.
/// </summary>
public sealed class UserSessions(
    UserManager<ApplicationUser> users,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations)
{
    /// <summary>Revokes the user's tokens and renews the security stamp (cookies issued before are refused).</summary>
    public async Task EndAllAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await RevokeTokensAsync(user, cancellationToken);
    }

    /// <summary>Revokes the user's tokens only, for a change that already renewed the security stamp.</summary>
    public async Task RevokeTokensAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        var subject = user.Id.ToString();
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
    }
}

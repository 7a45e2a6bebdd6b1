using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// Sessions end after 30 idle minutes (sliding cookie) and 12 hours after sign-in whatever the
/// activity; the security stamp is checked on every request so a signed-out cookie is refused.
/// </summary>
public static class SessionLifetime
{
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.Items.TryGetValue(SignedInAtKey, out var signedIn)
            && DateTimeOffset.TryParse(signedIn, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            && clock.GetUtcNow() - at > Absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Authentication property holding the original sign-in time; sliding renewals keep it.</summary>
    public const string SignedInAtKey = "medtech.signedInAt";
}

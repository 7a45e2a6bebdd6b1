using System.Security.Claims;
using MedTechAccounts.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

        if (!await IsCurrentAsync(context))
        {
            // Something about the user changed: Identity's own check refuses the session or rebuilds its claims.
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
    }

    /// <summary>
    /// True when the cookie's user, security stamp, name, email and roles are what the database holds, read in one
    /// query. Then the session stands as it is and the cookie is not rewritten; Identity's check would read the user,
    /// their roles, their claims and each role's claims (five queries) and reissue the cookie on every request.
    /// </summary>
    private static async Task<bool> IsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(options.UserIdClaimType), out var userId))
        {
            return false;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var stored = await (
                from u in db.Users
                where u.Id == userId
                from ur in db.UserRoles.Where(ur => ur.UserId == u.Id).DefaultIfEmpty()
                from r in db.Roles.Where(r => ur != null && r.Id == ur.RoleId).DefaultIfEmpty()
                select new StoredUser(u.SecurityStamp, u.UserName, u.Email, r != null ? r.Name : null))
            .ToListAsync(context.HttpContext.RequestAborted);
        if (stored.Count == 0)
        {
            return false;
        }

        var user = stored[0];
        var roles = stored.Where(r => r.Role is not null).Select(r => r.Role!).Order(StringComparer.Ordinal);
        return user.SecurityStamp == principal.FindFirstValue(options.SecurityStampClaimType)
            && user.UserName == principal.FindFirstValue(options.UserNameClaimType)
            && user.Email == principal.FindFirstValue(options.EmailClaimType)
            && roles.SequenceEqual(principal.FindAll(options.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal));
    }

    private sealed record StoredUser(string? SecurityStamp, string? UserName, string? Email, string? Role);

    /// <summary>Authentication property holding the original sign-in time; sliding renewals keep it.</summary>
    public const string SignedInAtKey = "medtech.signedInAt";
}

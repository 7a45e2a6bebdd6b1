using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Core.Infrastructure;

/// <summary>
/// Password, lockout and hashing rules of the security baseline (design section 10), shared by the
/// web app and the command line so a user created by either follows the same rules.
/// </summary>
public static class IdentityPolicy
{
    public const int PasswordHashIterations = 210_000;

    public static void Apply(IdentityOptions o)
    {
        // Length over composition (NIST 800-63B); common passwords are refused by the web app's CommonPasswordValidator.
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>PBKDF2 with at least 210,000 iterations (Identity's default is lower).</summary>
    public static IServiceCollection AddPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
}

using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>A user of the generated portfolio: a demo sign-in, or a rep the large profile generates.</summary>
/// <param name="Territories">Territory names a rep is assigned to.</param>
public sealed record DemoUser(string Email, string DisplayName, string Role, string? Region, IReadOnlyList<string> Territories);

/// <summary>
/// Roles and the demo sign-ins of a Development database: an admin, an executive, one manager per region and a
/// rep per demo territory (the Pacific rep also covers Mountain, so one rep has two territories).
/// </summary>
public static class DemoUsers
{
    /// <summary>The password of every demo user. Development only; documented in the README.</summary>
    public const string Password = "Demo-Stethoscope-42";

    public const string Domain = "demo.medtech";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new($"admin@{Domain}", "Avery Admin", Roles.Admin, null, []),
        new($"exec@{Domain}", "Jordan Ellis", Roles.Executive, null, []),
        new($"manager.east@{Domain}", "Priya Raman", Roles.Manager, Geography.East, []),
        new($"manager.central@{Domain}", "Marcus Webb", Roles.Manager, Geography.Central, []),
        new($"manager.west@{Domain}", "Elena Ortiz", Roles.Manager, Geography.West, []),
        Rep(1, "Sandy Alvarez"),
        Rep(2, "Devon Carter"),
        Rep(3, "Maria Gonzalez"),
        Rep(4, "Tom Becker"),
        Rep(5, "Aisha Khan"),
        Rep(6, "Luis Ramirez"),
        Rep(7, "Hannah Cole"),
        Rep(8, "Kevin Nguyen", Geography.TerritoryAt(6).Name),
        new($"product@{Domain}", "Sam Okafor", Roles.Product, null, []),
    ];

    /// <summary>E-mail of the rep who owns territory number <paramref name="number"/> (1-based).</summary>
    public static string RepEmail(int number) => $"rep{number}@{Domain}";

    public static string ManagerEmail(string region) => $"manager.{region.ToLowerInvariant()}@{Domain}";

    /// <summary>Users get an id derived from their e-mail, so the seeder and this class agree on it.</summary>
    internal static Guid IdFor(string email) => StableId.For("user", email);

    /// <summary>
    /// Creates the roles always, then the demo users with <see cref="Password"/>, their roles and territories.
    /// Idempotent: existing users keep their data; a user the seeder created without a password gets one.
    /// </summary>
    public static async Task EnsureAsync(
        UserManager<ApplicationUser> users, RoleManager<ApplicationRole> roles, AppDbContext db, CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new ApplicationRole(role) { Id = StableId.For("role", role) }), role);
            }
        }

        var territoryIds = await ReferenceData.EnsureTerritoriesAsync(
            db, All.SelectMany(u => u.Territories).Distinct().Select(Geography.TerritoryNamed), ct);

        foreach (var demo in All)
        {
            ct.ThrowIfCancellationRequested();
            var user = await users.FindByEmailAsync(demo.Email);
            if (user is null)
            {
                user = new ApplicationUser
                {
                    Id = IdFor(demo.Email),
                    UserName = demo.Email,
                    Email = demo.Email,
                    EmailConfirmed = true,
                    DisplayName = demo.DisplayName,
                    Region = demo.Region,
                };
                Check(await users.CreateAsync(user, Password), demo.Email);
            }
            else if (!await users.HasPasswordAsync(user))
            {
                Check(await users.AddPasswordAsync(user, Password), demo.Email);
            }

            if (!await users.IsInRoleAsync(user, demo.Role))
            {
                Check(await users.AddToRoleAsync(user, demo.Role), demo.Email);
            }

            var assigned = await db.UserTerritories.Where(ut => ut.UserId == user.Id).Select(ut => ut.TerritoryId).ToListAsync(ct);
            db.UserTerritories.AddRange(demo.Territories
                .Select(name => territoryIds[name])
                .Except(assigned)
                .Select(territoryId => new UserTerritory { UserId = user.Id, TerritoryId = territoryId }));
        }

        await db.SaveChangesAsync(ct);
    }

    private static DemoUser Rep(int number, string name, params string[] extraTerritories) =>
        new(RepEmail(number), name, Roles.Rep, null, [Geography.TerritoryAt(number - 1).Name, .. extraTerritories]);

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Creating demo data for '{what}' failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

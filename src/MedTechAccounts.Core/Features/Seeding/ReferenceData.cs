using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Catalog, territories, roles and field users: rows matched by their natural key (SKU, name, e-mail), so what
/// an administrator or <see cref="DemoUsers"/> already created is reused and only what is missing is added.
/// </summary>
internal static class ReferenceData
{
    public static async Task<Dictionary<string, Product>> EnsureCatalogAsync(AppDbContext db, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Sku, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var spec in Catalog.Products.Where(s => !products.ContainsKey(s.Sku)))
        {
            var product = new Product
            {
                Id = StableId.For("product", spec.Sku),
                Version = StableId.For("product-version", spec.Sku),
                Sku = spec.Sku,
                Name = spec.Name,
                Family = spec.Family,
                Category = spec.Category,
                ListPrice = spec.ListPrice,
                ServiceLifeMonths = spec.ServiceLifeMonths,
            };
            db.Products.Add(product);
            products[spec.Sku] = product;
        }

        await db.SaveChangesAsync(ct);
        return products;
    }

    public static async Task<Dictionary<string, Guid>> EnsureTerritoriesAsync(
        AppDbContext db, IEnumerable<TerritorySpec> territories, CancellationToken ct)
    {
        var ids = await db.Territories.ToDictionaryAsync(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var spec in territories.Where(t => !ids.ContainsKey(t.Name)))
        {
            var territory = new Territory
            {
                Id = StableId.For("territory", spec.Name),
                Version = StableId.For("territory-version", spec.Name),
                Name = spec.Name,
                Region = spec.Region,
            };
            db.Territories.Add(territory);
            ids[spec.Name] = territory.Id;
        }

        await db.SaveChangesAsync(ct);
        return ids;
    }

    /// <summary>
    /// Ids of <paramref name="users"/> by e-mail. Missing users are written directly, without a password: they
    /// cannot sign in until an administrator sets one (the demo users get theirs from <see cref="DemoUsers.EnsureAsync"/>).
    /// </summary>
    public static async Task<Dictionary<string, Guid>> EnsureUsersAsync(
        AppDbContext db, IReadOnlyList<DemoUser> users, IReadOnlyDictionary<string, Guid> territoryIds, CancellationToken ct)
    {
        var roleIds = await EnsureRolesAsync(db, ct);
        var emails = users.Select(u => u.Email.ToUpperInvariant()).ToList();
        var ids = await db.Users
            .Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);

        foreach (var user in users.Where(u => !ids.ContainsKey(u.Email)))
        {
            var id = DemoUsers.IdFor(user.Email);
            db.Users.Add(new ApplicationUser
            {
                Id = id,
                UserName = user.Email,
                NormalizedUserName = user.Email.ToUpperInvariant(),
                Email = user.Email,
                NormalizedEmail = user.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                LockoutEnabled = true,
                SecurityStamp = StableId.For("user-stamp", user.Email).ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = StableId.For("user-concurrency", user.Email).ToString(),
                DisplayName = user.DisplayName,
                Region = user.Region,
            });
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = roleIds[user.Role] });
            db.UserTerritories.AddRange(user.Territories.Select(t => new UserTerritory { UserId = id, TerritoryId = territoryIds[t] }));
            ids[user.Email] = id;
        }

        await db.SaveChangesAsync(ct);
        return ids;
    }

    private static async Task<Dictionary<string, Guid>> EnsureRolesAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = await db.Roles.Where(r => r.NormalizedName != null)
            .ToDictionaryAsync(r => r.NormalizedName!, r => r.Id, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var role in Roles.All.Where(r => !ids.ContainsKey(r)))
        {
            var entity = new ApplicationRole(role)
            {
                Id = StableId.For("role", role),
                NormalizedName = role.ToUpperInvariant(),
                ConcurrencyStamp = StableId.For("role-concurrency", role).ToString(),
            };
            db.Roles.Add(entity);
            ids[role] = entity.Id;
        }

        return ids;
    }
}

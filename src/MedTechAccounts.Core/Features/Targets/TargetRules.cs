using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Targets;

/// <summary>What the scope key of a target names: nothing for the company, else a region, a territory, a rep's e-mail or a product family.</summary>
public static class TargetScopeKeys
{
    public static string Describe(TargetScope scope) => scope switch
    {
        TargetScope.Company => "no key",
        TargetScope.Region => "a region name",
        TargetScope.Territory => "a territory name",
        TargetScope.Rep => "a rep's e-mail",
        TargetScope.ProductFamily => "a product family",
        _ => "a key",
    };

    /// <summary>
    /// The stored spelling of <paramref name="key"/> for <paramref name="scope"/> ("" for the company), matched without
    /// regard to case; null when it names nothing that exists.
    /// </summary>
    public static async Task<string?> ResolveAsync(AppDbContext db, TargetScope scope, string? key, CancellationToken ct)
    {
        var trimmed = key?.Trim() ?? "";
        if (scope == TargetScope.Company)
        {
            return trimmed.Length == 0 ? "" : null;
        }

        if (trimmed.Length == 0)
        {
            return null;
        }

        var upper = trimmed.ToUpperInvariant();
        return scope switch
        {
            TargetScope.Region => await db.Territories.Where(t => t.Region.ToUpper() == upper).Select(t => t.Region).FirstOrDefaultAsync(ct),
            TargetScope.Territory => await db.Territories.Where(t => t.Name.ToUpper() == upper).Select(t => t.Name).FirstOrDefaultAsync(ct),
            TargetScope.ProductFamily => await db.Products.Where(p => p.Family.ToUpper() == upper).Select(p => p.Family).FirstOrDefaultAsync(ct),
            TargetScope.Rep => await db.Users
                .Where(u => u.NormalizedEmail == upper
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Rep)))
                .Select(u => u.Email).FirstOrDefaultAsync(ct),
            _ => null,
        };
    }
}

using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Features.Common;

/// <summary>
/// Which targets a reader may see: executives and admins all of them; a manager the company's and the product
/// families' (they belong to no region) and those of their own region, of its territories and of the reps covering them.
/// Shared by the target list and the quarterly view, so a target reaches no reader through either that the other hides.
/// </summary>
public static class TargetVisibility
{
    public static IQueryable<QuarterlyTarget> VisibleTo(this IQueryable<QuarterlyTarget> targets, AppDbContext db, ICurrentUser user)
    {
        if (db.Scope.Unrestricted)
        {
            return targets;
        }

        var userId = user.UserId ?? Guid.Empty;
        var territoryIds = db.Scope.TerritoryIds;
        var regions = db.Users.Where(u => u.Id == userId && u.Region != null).Select(u => u.Region!);
        var territories = db.Territories.Where(t => territoryIds.Contains(t.Id)).Select(t => t.Name);
        var reps = db.Users.Where(u => db.UserTerritories.Any(ut => ut.UserId == u.Id && territoryIds.Contains(ut.TerritoryId))).Select(u => u.Email!);
        return targets.Where(t => t.Scope == TargetScope.Company || t.Scope == TargetScope.ProductFamily
            || (t.Scope == TargetScope.Region && regions.Contains(t.ScopeKey))
            || (t.Scope == TargetScope.Territory && territories.Contains(t.ScopeKey))
            || (t.Scope == TargetScope.Rep && reps.Contains(t.ScopeKey)));
    }
}

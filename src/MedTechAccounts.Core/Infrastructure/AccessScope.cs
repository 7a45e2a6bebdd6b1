using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Infrastructure;

/// <summary>
/// The territories whose accounts the current actor may see and change. Resolved once per
/// request (see <see cref="Data.AppDbContext.ApplyScopeAsync"/>) and read by the global query
/// filters. Until it is resolved it grants nothing, so a forgotten resolution fails closed.
/// </summary>
public sealed class AccessScope
{
    private AccessScope(bool unrestricted, IReadOnlyCollection<Guid> territoryIds)
    {
        Unrestricted = unrestricted;
        TerritoryIds = territoryIds;
    }

    public bool Unrestricted { get; }
    public IReadOnlyCollection<Guid> TerritoryIds { get; }

    public static AccessScope Nothing { get; } = new(false, []);
    public static AccessScope Everything { get; } = new(true, []);
    public static AccessScope Territories(IEnumerable<Guid> ids) => new(false, ids.Distinct().ToArray());

    public bool Allows(Guid territoryId) => Unrestricted || TerritoryIds.Contains(territoryId);

    /// <summary>Executives, admins and the system see everything; a manager the region; a rep the assigned territories.</summary>
    public static bool IsUnrestricted(ICurrentUser user) =>
        user.IsSystem || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Executive);
}

using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// Which people a caller may look at: executives and admins everyone; a manager (or rep) the people assigned to a
/// territory they see and anyone who met one of their accounts. Anyone else is "not found", as a foreign account is.
/// </summary>
internal static class PeopleScope
{
    public static async Task<bool> VisibleAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == personId, ct))
        {
            return false;
        }

        if (db.Scope.Unrestricted)
        {
            return true;
        }

        var territories = db.Scope.TerritoryIds;
        return await db.UserTerritories.AnyAsync(ut => ut.UserId == personId && territories.Contains(ut.TerritoryId), ct)
            || await db.Interactions.AnyAsync(i => i.RepId == personId, ct);
    }

    /// <summary>The person must be one the caller may see; otherwise the message is "not found" (404). Declare it first.</summary>
    public static IRuleBuilderOptions<T, Guid> MustBeVisiblePerson<T>(this IRuleBuilder<T, Guid> rule, AppDbContext db) =>
        rule.MustAsync(async (id, ct) => await VisibleAsync(db, id, ct) ? true : throw new NotFoundException("Person", id));
}

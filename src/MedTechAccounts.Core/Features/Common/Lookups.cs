using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Common;

public sealed record Option(Guid Id, string Label);

/// <summary>Choices for form drop-downs, already limited to what the caller may pick.</summary>
public static class Lookups
{
    /// <summary>Territories the caller covers (all for executives and admins), labelled "Region — Territory".</summary>
    public sealed record Territories : IQuery<IReadOnlyList<Option>>;

    /// <summary>Active users in the Rep role.</summary>
    public sealed record Reps : IQuery<IReadOnlyList<Option>>;

    /// <summary>Accounts that can be a parent (health systems and top-level accounts) within the caller's scope.</summary>
    public sealed record ParentAccounts : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(AppDbContext db) :
        IQueryHandler<Territories, IReadOnlyList<Option>>,
        IQueryHandler<Reps, IReadOnlyList<Option>>,
        IQueryHandler<ParentAccounts, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Territories query, CancellationToken cancellationToken)
        {
            var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Region).ThenBy(t => t.Name)
                .Select(t => new { t.Id, t.Name, t.Region }).ToListAsync(cancellationToken);
            return territories.Where(t => db.Scope.Allows(t.Id)).Select(t => new Option(t.Id, $"{t.Region} — {t.Name}")).ToList();
        }

        public async ValueTask<IReadOnlyList<Option>> Handle(Reps query, CancellationToken cancellationToken)
        {
            var repRole = await db.Roles.Where(r => r.Name == Roles.Rep).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
            return await db.Users.AsNoTracking()
                .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == repRole))
                .OrderBy(u => u.DisplayName)
                .Select(u => new Option(u.Id, u.DisplayName))
                .ToListAsync(cancellationToken);
        }

        public async ValueTask<IReadOnlyList<Option>> Handle(ParentAccounts query, CancellationToken cancellationToken) =>
            await db.Accounts.AsNoTracking()
                .Where(a => a.ParentAccountId == null)
                .OrderBy(a => a.Name).Take(500)
                .Select(a => new Option(a.Id, a.Name))
                .ToListAsync(cancellationToken);
    }
}

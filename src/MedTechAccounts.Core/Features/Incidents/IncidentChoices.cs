using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>The devices of an account an incident can be opened against: ours first, then competitors', by serial.</summary>
public static class IncidentDevices
{
    public sealed record Query(Guid AccountId) : IQuery<IReadOnlyList<Choice>>;

    public sealed record Choice(Guid Id, string Label, bool Active);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Choice>>
    {
        public async ValueTask<IReadOnlyList<Choice>> Handle(Query query, CancellationToken cancellationToken)
        {
            var devices = await db.Devices.AsNoTracking().Where(d => d.AccountId == query.AccountId)
                .OrderBy(d => d.Competitor != null).ThenBy(d => d.SerialNumber)
                .Select(d => new { d.Id, d.SerialNumber, d.Product!.Name, d.Department, d.Competitor, d.Status })
                .ToListAsync(cancellationToken);
            return devices.Select(d => new Choice(
                d.Id,
                $"{d.Name} · S/N {d.SerialNumber}{(d.Department is null ? "" : " · " + d.Department)}"
                    + $"{(d.Competitor is null ? "" : " · " + d.Competitor)}{(d.Status == DeviceStatus.Active ? "" : $" ({d.Status})")}",
                d.Status == DeviceStatus.Active)).ToList();
        }
    }
}

/// <summary>Active people who can be named as responders (reps, managers and administrators), by name.</summary>
public static class IncidentResponders
{
    public sealed record Query : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Query query, CancellationToken cancellationToken)
        {
            string[] roles = [Roles.Rep, Roles.Manager, Roles.Admin];
            return await db.Users.AsNoTracking()
                .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
                .OrderBy(u => u.DisplayName).Take(1000)
                .Select(u => new Option(u.Id, u.DisplayName))
                .ToListAsync(cancellationToken);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Territories;

/// <summary>One territory: its region, version (for a later edit), account count and assigned users.</summary>
public static class TerritoryDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Region { get; init; } = "";
        public Guid Version { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int AccountCount { get; init; }
        public IReadOnlyList<RepRow> Reps { get; init; } = [];
    }

    public sealed record RepRow(Guid Id, string DisplayName, string? Email, bool IsActive);

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Territory, Result>()
            .ForMember(r => r.AccountCount, o => o.Ignore())
            .ForMember(r => r.Reps, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var territory = await db.Territories.AsNoTracking().Where(t => t.Id == query.Id)
                .ProjectTo<Result>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Territory", query.Id);
            var accounts = await db.Accounts.AsNoTracking().CountAsync(a => a.TerritoryId == query.Id, cancellationToken);
            var reps = await db.UserTerritories.AsNoTracking().Where(ut => ut.TerritoryId == query.Id)
                .OrderBy(ut => ut.User!.DisplayName)
                .Select(ut => new RepRow(ut.UserId, ut.User!.DisplayName, ut.User.Email, ut.User.IsActive))
                .ToListAsync(cancellationToken);
            return territory with { AccountCount = accounts, Reps = reps };
        }
    }
}

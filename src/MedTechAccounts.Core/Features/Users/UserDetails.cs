using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>One user as an administrator sees it: role, territories, region, sign-in state and the concurrency stamp for a later edit.</summary>
public static class UserDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    /// <summary>Never a password hash, security stamp or authenticator key.</summary>
    public sealed record Result
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public string? Region { get; init; }
        public bool IsActive { get; init; }
        public bool TwoFactorEnabled { get; init; }
        public DateTimeOffset? LockedOutUntil { get; init; }
        public int AccessFailedCount { get; init; }
        public IReadOnlyList<Option> Territories { get; init; } = [];

        /// <summary>Send it back with an edit; a newer stamp on the server answers 409.</summary>
        public string ConcurrencyStamp { get; init; } = "";
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ApplicationUser, Result>()
            .ForMember(r => r.Role, o => o.Ignore())
            .ForMember(r => r.LockedOutUntil, o => o.MapFrom(u => u.LockoutEnd))
            .ForMember(r => r.Territories, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == query.Id).ProjectTo<Result>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("User", query.Id);
            var roles = await UserIdentity.RolesOfAsync(db, [query.Id], cancellationToken);
            var territories = await db.UserTerritories.AsNoTracking().Where(ut => ut.UserId == query.Id)
                .OrderBy(ut => ut.Territory!.Region).ThenBy(ut => ut.Territory!.Name)
                .Select(ut => new Option(ut.TerritoryId, ut.Territory!.Region + " — " + ut.Territory.Name))
                .ToListAsync(cancellationToken);
            return user with
            {
                Role = roles.GetValueOrDefault(query.Id, ""),
                LockedOutUntil = user.LockedOutUntil > clock.GetUtcNow() ? user.LockedOutUntil : null,
                Territories = territories,
            };
        }
    }
}

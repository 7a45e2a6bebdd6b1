using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>People who can sign in: search by name or e-mail, filter by role and active flag, page.</summary>
public static class UserList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public string? Search { get; init; }
        public string? Role { get; init; }
        public bool? Active { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    /// <summary>What a list shows; never a password hash, security stamp or authenticator key.</summary>
    public sealed record Row
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public string? Region { get; init; }
        public bool IsActive { get; init; }
        public bool TwoFactorEnabled { get; init; }

        /// <summary>Set while the user is locked out after failed sign-ins.</summary>
        public DateTimeOffset? LockedOutUntil { get; init; }
        public IReadOnlyList<string> Territories { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Search).MaximumLength(200);
            RuleFor(q => q.Role).Must(role => string.IsNullOrEmpty(role) || Roles.All.Contains(role))
                .WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ApplicationUser, Row>()
            .ForMember(r => r.Role, o => o.Ignore())
            .ForMember(r => r.LockedOutUntil, o => o.MapFrom(u => u.LockoutEnd))
            .ForMember(r => r.Territories, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var users = db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                // Upper case on both sides: LIKE is case-sensitive on PostgreSQL.
                var pattern = $"%{query.Search.Trim().Replace("%", "", StringComparison.Ordinal).ToUpperInvariant()}%";
                users = users.Where(u => EF.Functions.Like(u.DisplayName.ToUpper(), pattern)
                    || (u.NormalizedEmail != null && EF.Functions.Like(u.NormalizedEmail, pattern)));
            }

            if (!string.IsNullOrEmpty(query.Role))
            {
                var roleIds = db.Roles.Where(r => r.Name == query.Role).Select(r => r.Id);
                users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
            }

            if (query.Active is { } active)
            {
                users = users.Where(u => u.IsActive == active);
            }

            var total = await users.CountAsync(cancellationToken);
            var items = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .ProjectTo<Row>(mapping)
                .ToListAsync(cancellationToken);

            var ids = items.Select(i => i.Id).ToList();
            var roles = await UserIdentity.RolesOfAsync(db, ids, cancellationToken);
            var territories = (await db.UserTerritories.AsNoTracking().Where(ut => ids.Contains(ut.UserId))
                    .Select(ut => new { ut.UserId, ut.Territory!.Name })
                    .ToListAsync(cancellationToken))
                .ToLookup(t => t.UserId, t => t.Name);

            // Lockout end is compared here: SQLite cannot compare DateTimeOffset values in SQL.
            var now = clock.GetUtcNow();
            var rows = items.Select(r => r with
            {
                Role = roles.GetValueOrDefault(r.Id, ""),
                LockedOutUntil = r.LockedOutUntil > now ? r.LockedOutUntil : null,
                Territories = territories[r.Id].Order(StringComparer.CurrentCulture).ToList(),
            }).ToList();
            return new PagedResult<Row>(rows, query.Page, query.PageSize, total);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Territories;

/// <summary>Territories by region, with how many accounts each holds and who is assigned to it.</summary>
public static class TerritoryList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public string? Search { get; init; }
        public string? Region { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Region { get; init; } = "";
        public int AccountCount { get; init; }
        public IReadOnlyList<string> Reps { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Search).MaximumLength(100);
            RuleFor(q => q.Region).MaximumLength(100);
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Territory, Row>()
            .ForMember(r => r.AccountCount, o => o.Ignore())
            .ForMember(r => r.Reps, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var territories = db.Territories.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = $"%{query.Search.Trim().Replace("%", "", StringComparison.Ordinal).ToUpperInvariant()}%";
                territories = territories.Where(t => EF.Functions.Like(t.Name.ToUpper(), pattern));
            }

            if (!string.IsNullOrWhiteSpace(query.Region))
            {
                var region = query.Region.Trim();
                territories = territories.Where(t => t.Region == region);
            }

            var total = await territories.CountAsync(cancellationToken);
            var items = await territories.OrderBy(t => t.Region).ThenBy(t => t.Name).ThenBy(t => t.Id)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .ProjectTo<Row>(mapping)
                .ToListAsync(cancellationToken);

            var ids = items.Select(i => i.Id).ToList();
            var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.TerritoryId))
                .GroupBy(a => a.TerritoryId)
                .Select(g => new { TerritoryId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.TerritoryId, g => g.Count, cancellationToken);
            var reps = (await db.UserTerritories.AsNoTracking().Where(ut => ids.Contains(ut.TerritoryId))
                    .Select(ut => new { ut.TerritoryId, ut.User!.DisplayName })
                    .ToListAsync(cancellationToken))
                .ToLookup(r => r.TerritoryId, r => r.DisplayName);

            var rows = items.Select(r => r with
            {
                AccountCount = accounts.GetValueOrDefault(r.Id),
                Reps = reps[r.Id].Order(StringComparer.CurrentCulture).ToList(),
            }).ToList();
            return new PagedResult<Row>(rows, query.Page, query.PageSize, total);
        }
    }
}

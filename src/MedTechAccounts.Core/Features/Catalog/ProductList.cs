using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Catalog;

/// <summary>The product catalog: search SKU or name, filter by family and category, paged.</summary>
public static class ProductList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public string? Search { get; init; }
        public string? Family { get; init; }
        public ProductCategory? Category { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string Family { get; init; } = "";
        public ProductCategory Category { get; init; }
        public decimal ListPrice { get; init; }
        public int ServiceLifeMonths { get; init; }
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Search).MaximumLength(200);
            RuleFor(q => q.Family).MaximumLength(100);
            RuleFor(q => q.Category).IsInEnum();
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Product, Row>();
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = db.Products.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                // Upper-cased on both sides: LIKE is case-sensitive on PostgreSQL and not on SQLite.
                var pattern = $"%{query.Search.Trim().Replace("%", "", StringComparison.Ordinal).ToUpperInvariant()}%";
                products = products.Where(p => EF.Functions.Like(p.Sku.ToUpper(), pattern) || EF.Functions.Like(p.Name.ToUpper(), pattern));
            }

            if (!string.IsNullOrWhiteSpace(query.Family))
            {
                var family = query.Family.Trim();
                products = products.Where(p => p.Family == family);
            }

            if (query.Category is { } category)
            {
                products = products.Where(p => p.Category == category);
            }

            var total = await products.CountAsync(cancellationToken);
            var items = await products.OrderBy(p => p.Family).ThenBy(p => p.Name).ThenBy(p => p.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<Row>(mapping).ToListAsync(cancellationToken);
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>The accounts the caller may see: search by name, filter, sort and page.</summary>
public static class AccountList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public string? Search { get; init; }
        public Guid? TerritoryId { get; init; }
        public AccountSegment? Segment { get; init; }
        public AccountStatus? Status { get; init; }
        public string Sort { get; init; } = "name";
        public bool Descending { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public AccountSegment Segment { get; init; }
        public AccountStatus Status { get; init; }
        public int? BedCount { get; init; }
        public string TerritoryName { get; init; } = "";
        public string Region { get; init; } = "";
        public string? OwnerRepName { get; init; }
        public string? City { get; init; }
        public string? State { get; init; }
        public int ActiveDeviceCount { get; init; }
    }

    public static readonly IReadOnlyList<string> SortKeys = ["name", "segment", "status", "beds", "territory", "city"];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Sort).Must(s => SortKeys.Contains(s))
                .WithMessage($"Sort must be one of: {string.Join(", ", SortKeys)}.");
            RuleFor(q => q.Search).MaximumLength(200);
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Account, Row>()
            .ForMember(r => r.TerritoryName, o => o.MapFrom(a => a.Territory!.Name))
            .ForMember(r => r.Region, o => o.MapFrom(a => a.Territory!.Region))
            .ForMember(r => r.OwnerRepName, o => o.MapFrom(a => a.OwnerRep!.DisplayName))
            .ForMember(r => r.ActiveDeviceCount, o => o.MapFrom(a => a.Devices.Count(d => d.Status == DeviceStatus.Active && d.Competitor == null)));
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var accounts = db.Accounts.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                // Upper-cased on both sides: LIKE is case-sensitive on PostgreSQL, not on SQLite or SQL Server.
                var pattern = $"%{query.Search.Trim().Replace("%", "", StringComparison.Ordinal).ToUpperInvariant()}%";
                accounts = accounts.Where(a => EF.Functions.Like(a.Name.ToUpper(), pattern) || EF.Functions.Like(a.ExternalId.ToUpper(), pattern)
                    || (a.City != null && EF.Functions.Like(a.City.ToUpper(), pattern)));
            }

            if (query.TerritoryId is { } territory)
            {
                accounts = accounts.Where(a => a.TerritoryId == territory);
            }

            if (query.Segment is { } segment)
            {
                accounts = accounts.Where(a => a.Segment == segment);
            }

            if (query.Status is { } status)
            {
                accounts = accounts.Where(a => a.Status == status);
            }

            var total = await accounts.CountAsync(cancellationToken);
            var items = await Sorted(accounts, query)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .ProjectTo<Row>(mapping)
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }

        private static IQueryable<Account> Sorted(IQueryable<Account> accounts, Query query) => (query.Sort, query.Descending) switch
        {
            ("segment", false) => accounts.OrderBy(a => a.Segment).ThenBy(a => a.Name),
            ("segment", true) => accounts.OrderByDescending(a => a.Segment).ThenBy(a => a.Name),
            ("status", false) => accounts.OrderBy(a => a.Status).ThenBy(a => a.Name),
            ("status", true) => accounts.OrderByDescending(a => a.Status).ThenBy(a => a.Name),
            ("beds", false) => accounts.OrderBy(a => a.BedCount).ThenBy(a => a.Name),
            ("beds", true) => accounts.OrderByDescending(a => a.BedCount).ThenBy(a => a.Name),
            ("territory", false) => accounts.OrderBy(a => a.Territory!.Name).ThenBy(a => a.Name),
            ("territory", true) => accounts.OrderByDescending(a => a.Territory!.Name).ThenBy(a => a.Name),
            ("city", false) => accounts.OrderBy(a => a.City).ThenBy(a => a.Name),
            ("city", true) => accounts.OrderByDescending(a => a.City).ThenBy(a => a.Name),
            (_, true) => accounts.OrderByDescending(a => a.Name).ThenBy(a => a.Id),
            _ => accounts.OrderBy(a => a.Name).ThenBy(a => a.Id),
        };
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>Devices across every account the caller may see: serial search (partial), account and status filters; paged.</summary>
public static class DeviceList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        /// <summary>Part of a serial number, matched anywhere and without regard to case.</summary>
        public string? Serial { get; init; }
        public Guid? AccountId { get; init; }
        public DeviceStatus? Status { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid ProductId { get; init; }
        public string ProductSku { get; init; } = "";
        public string ProductName { get; init; } = "";
        public string ProductFamily { get; init; } = "";
        public string SerialNumber { get; init; } = "";
        public string? Department { get; init; }
        public DateOnly InstallDate { get; init; }
        public DateOnly? WarrantyEnd { get; init; }
        public DateOnly? ContractEnd { get; init; }
        public DeviceStatus Status { get; init; }
        public string? Competitor { get; init; }
        public bool IsOurs { get; init; }
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Serial).MaximumLength(100);
            RuleFor(q => q.Status).IsInEnum();
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<InstalledDevice, Row>()
            .ForMember(r => r.AccountName, o => o.MapFrom(d => d.Account!.Name))
            .ForMember(r => r.IsOurs, o => o.MapFrom(d => d.Competitor == null || d.Status == DeviceStatus.LostToCompetitor));
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var devices = db.Devices.AsNoTracking().OfVisibleAccounts(db);
            if (!string.IsNullOrWhiteSpace(query.Serial))
            {
                var pattern = $"%{query.Serial.Trim().Replace("%", "", StringComparison.Ordinal).ToUpperInvariant()}%";
                devices = devices.Where(d => EF.Functions.Like(d.SerialNumber.ToUpper(), pattern));
            }

            if (query.AccountId is { } accountId)
            {
                devices = devices.Where(d => d.AccountId == accountId);
            }

            if (query.Status is { } status)
            {
                devices = devices.Where(d => d.Status == status);
            }

            var total = await devices.CountAsync(cancellationToken);
            var items = await devices.OrderBy(d => d.SerialNumber).ThenBy(d => d.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<Row>(mapping).ToListAsync(cancellationToken);
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }
    }
}

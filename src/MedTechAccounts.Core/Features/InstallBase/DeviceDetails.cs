using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>One device with its product, account, age and end of service life.</summary>
public static class DeviceDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
    {
        public Guid Id { get; init; }
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid ProductId { get; init; }
        public string ProductSku { get; init; } = "";
        public string ProductName { get; init; } = "";
        public string ProductFamily { get; init; } = "";
        public int ProductServiceLifeMonths { get; init; }
        public string SerialNumber { get; init; } = "";
        public string? Department { get; init; }
        public DateOnly InstallDate { get; init; }
        public DateOnly? WarrantyEnd { get; init; }
        public DateOnly? ContractEnd { get; init; }
        public DeviceStatus Status { get; init; }
        public string? Competitor { get; init; }
        public bool IsOurs { get; init; }
        public Guid Version { get; init; }
        public int AgeMonths { get; init; }
        public DateOnly? EndOfServiceLife { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<InstalledDevice, Result>()
            .ForMember(r => r.AccountName, o => o.MapFrom(d => d.Account!.Name))
            .ForMember(r => r.IsOurs, o => o.MapFrom(d => d.Competitor == null || d.Status == DeviceStatus.LostToCompetitor))
            .ForMember(r => r.AgeMonths, o => o.Ignore())
            .ForMember(r => r.EndOfServiceLife, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var device = await db.Devices.AsNoTracking().Where(d => d.Id == query.Id).ProjectTo<Result>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Device", query.Id);
            return device with
            {
                AgeMonths = ServiceLife.AgeInMonths(device.InstallDate, ServiceLife.Today(clock)),
                EndOfServiceLife = ServiceLife.EndOfServiceLife(device.InstallDate, device.ProductServiceLifeMonths),
            };
        }
    }
}

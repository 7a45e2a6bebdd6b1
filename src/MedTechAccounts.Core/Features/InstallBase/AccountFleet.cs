using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>
/// An account's fleet: devices by product family with their age and end of service life, the active devices
/// inside 12 months of end of service life (or past it), and our share of the active fleet against competitors'.
/// "Today" comes from the injected clock.
/// </summary>
public static class AccountFleet
{
    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Result
    {
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public DateOnly Today { get; init; }
        public IReadOnlyList<FamilyGroup> Families { get; init; } = [];

        /// <summary>Active devices whose end of service life has passed or falls within 12 months, soonest first.</summary>
        public IReadOnlyList<DeviceRow> NearEndOfServiceLife { get; init; } = [];
        public int OurActive { get; init; }
        public int CompetitorActive { get; init; }

        /// <summary>Our share of the active fleet in percent; null when no device is active.</summary>
        public int? OurSharePercent => OurActive + CompetitorActive == 0 ? null
            : (int)Math.Round(100.0 * OurActive / (OurActive + CompetitorActive), MidpointRounding.AwayFromZero);
        public IReadOnlyList<CompetitorCount> Competitors { get; init; } = [];
        public int DeviceCount => Families.Sum(f => f.Devices.Count);
    }

    public sealed record FamilyGroup(string Family, int OurActive, int CompetitorActive, int Inactive, int? AverageAgeMonths, IReadOnlyList<DeviceRow> Devices);

    public sealed record CompetitorCount(string Name, int Active);

    public sealed record DeviceRow
    {
        public Guid Id { get; init; }
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
        public bool IsActive => Status == DeviceStatus.Active;
        public string Age => ServiceLife.FormatAge(AgeMonths);
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<InstalledDevice, DeviceRow>()
            .ForMember(r => r.IsOurs, o => o.MapFrom(d => d.Competitor == null || d.Status == DeviceStatus.LostToCompetitor))
            .ForMember(r => r.AgeMonths, o => o.Ignore())
            .ForMember(r => r.EndOfServiceLife, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var account = await db.Accounts.AsNoTracking().Where(a => a.Id == query.AccountId)
                .Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Account", query.AccountId);
            var today = ServiceLife.Today(clock);
            var devices = (await db.Devices.AsNoTracking().Where(d => d.AccountId == query.AccountId)
                    .ProjectTo<DeviceRow>(mapping).ToListAsync(cancellationToken))
                .Select(d => d with
                {
                    AgeMonths = ServiceLife.AgeInMonths(d.InstallDate, today),
                    EndOfServiceLife = ServiceLife.EndOfServiceLife(d.InstallDate, d.ProductServiceLifeMonths),
                })
                .ToList();

            var families = devices.GroupBy(d => d.ProductFamily)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var active = g.Where(d => d.IsActive).ToList();
                    return new FamilyGroup(
                        g.Key,
                        active.Count(d => d.IsOurs),
                        active.Count(d => !d.IsOurs),
                        g.Count(d => !d.IsActive),
                        active.Count == 0 ? null : (int)Math.Round(active.Average(d => d.AgeMonths)),
                        g.OrderBy(d => d.IsActive ? 0 : 1).ThenBy(d => d.ProductName, StringComparer.Ordinal)
                            .ThenBy(d => d.InstallDate).ThenBy(d => d.SerialNumber, StringComparer.Ordinal).ToList());
                })
                .ToList();
            var active = devices.Where(d => d.IsActive).ToList();

            return new Result
            {
                AccountId = account.Id,
                AccountName = account.Name,
                Today = today,
                Families = families,
                NearEndOfServiceLife = active.Where(d => ServiceLife.IsNearEnd(d.EndOfServiceLife, today))
                    .OrderBy(d => d.EndOfServiceLife).ThenBy(d => d.SerialNumber, StringComparer.Ordinal).ToList(),
                OurActive = active.Count(d => d.IsOurs),
                CompetitorActive = active.Count(d => !d.IsOurs),
                Competitors = active.Where(d => !d.IsOurs).GroupBy(d => d.Competitor!)
                    .Select(g => new CompetitorCount(g.Key, g.Count()))
                    .OrderByDescending(c => c.Active).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(),
            };
        }
    }
}

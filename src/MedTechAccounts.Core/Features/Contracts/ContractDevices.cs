using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>The devices of one account a contract can cover (ours, not competitors'), labelled "S/N — product (department)".</summary>
public static class ContractDevices
{
    public sealed record Query(Guid AccountId) : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Query query, CancellationToken cancellationToken)
        {
            var devices = await db.Devices.AsNoTracking()
                .Where(d => d.AccountId == query.AccountId && (d.Competitor == null || d.Status == DeviceStatus.LostToCompetitor))
                .OrderBy(d => d.Product!.Name).ThenBy(d => d.SerialNumber)
                .Select(d => new { d.Id, d.SerialNumber, ProductName = d.Product!.Name, d.Department, d.Status })
                .ToListAsync(cancellationToken);
            return devices.Select(d => new Option(d.Id, $"{d.SerialNumber} — {d.ProductName}"
                + (d.Department is null ? "" : $" ({d.Department})") + (d.Status == DeviceStatus.Active ? "" : $" · {d.Status}"))).ToList();
        }
    }
}

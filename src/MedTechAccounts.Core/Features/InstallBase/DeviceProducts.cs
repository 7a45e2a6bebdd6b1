using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>The catalog's capital products, the kinds of device a fleet holds (ours or a competitor's), for the device form.</summary>
public static class DeviceProducts
{
    public sealed record Query : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = await db.Products.AsNoTracking().Where(p => p.Category == ProductCategory.Capital)
                .OrderBy(p => p.Family).ThenBy(p => p.Name)
                .Select(p => new { p.Id, p.Family, p.Name, p.Sku })
                .ToListAsync(cancellationToken);
            return products.Select(p => new Option(p.Id, $"{p.Family} — {p.Name} ({p.Sku})")).ToList();
        }
    }
}

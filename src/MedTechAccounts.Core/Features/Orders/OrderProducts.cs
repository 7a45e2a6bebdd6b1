using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Orders;

/// <summary>Products an order line can name: the whole catalog, labelled "SKU — name", with the list price for the form.</summary>
public static class OrderProducts
{
    public sealed record Query : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Products.AsNoTracking().OrderBy(p => p.Sku)
                .Select(p => new Option(p.Id, p.Sku + " — " + p.Name))
                .ToListAsync(cancellationToken);
    }
}

using Mediator;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Catalog;

/// <summary>The product families in the catalog, for the family filter.</summary>
public static class ProductFamilies
{
    public sealed record Query : IQuery<IReadOnlyList<string>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Products.AsNoTracking().Select(p => p.Family).Distinct().OrderBy(f => f).ToListAsync(cancellationToken);
    }
}

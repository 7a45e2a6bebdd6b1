using Mediator;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Territories;

/// <summary>The regions that have territories, for pickers (a manager's region, a new territory's region).</summary>
public static class RegionList
{
    public sealed record Query : IQuery<IReadOnlyList<string>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Territories.AsNoTracking().Select(t => t.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);
    }
}

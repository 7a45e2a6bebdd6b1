using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Targets;

/// <summary>One quarterly target the reader may see, with its quarter's dates; another region's is not found.</summary>
public static class TargetDetails
{
    public sealed record Query(Guid Id) : IQuery<TargetList.Row>;

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, ICurrentUser currentUser) : IQueryHandler<Query, TargetList.Row>
    {
        public async ValueTask<TargetList.Row> Handle(Query query, CancellationToken cancellationToken) =>
            TargetList.ToRow(await db.QuarterlyTargets.AsNoTracking().VisibleTo(db, currentUser).SingleOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Target", query.Id), calendar);
    }
}

using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// The rep's home page: the top of my open next steps (soonest due first) with how many there are and how many are
/// overdue (all of them on <see cref="MyNextSteps"/>), my account count, and the accounts of my latest visits to log the next one.
/// </summary>
public static class RepHome
{
    /// <summary>Next steps on the home page; the rest are one link away.</summary>
    public const int NextStepsShown = 10;
    private const int RecentInteractions = 200;

    public sealed record Query : IQuery<Result>;

    public sealed record Result(
        MyNextSteps.Result NextSteps,
        int AccountCount,
        IReadOnlyList<Option> RecentAccounts);

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, ISender sender)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = currentUser.UserId ?? Guid.Empty;
            var nextSteps = await sender.Send(new MyNextSteps.Query { PageSize = NextStepsShown }, cancellationToken);
            var accountCount = await db.Accounts.CountAsync(cancellationToken);

            // Only someone who logs visits needs the shortcuts; any other account is one search away.
            IReadOnlyList<Option> recent = [];
            if (currentUser.IsInRole(Roles.Rep))
            {
                // The accounts of my latest interactions (index on rep and time), not a grouping of all of them.
                var recentIds = (await db.Interactions.AsNoTracking().Where(i => i.RepId == me)
                        .OrderByDescending(i => i.OccurredAt).Take(RecentInteractions)
                        .Select(i => i.AccountId)
                        .ToListAsync(cancellationToken))
                    .Distinct().Take(6).ToList();
                var names = await db.Accounts.AsNoTracking().Where(a => recentIds.Contains(a.Id))
                    .Select(a => new Option(a.Id, a.Name)).ToListAsync(cancellationToken);
                recent = recentIds.Select(id => names.FirstOrDefault(n => n.Id == id)).OfType<Option>().ToList();
            }

            return new Result(nextSteps, accountCount, recent);
        }
    }
}

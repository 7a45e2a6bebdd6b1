using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>The rep's home page: my open next steps (soonest due first), my accounts, and where to log a visit.</summary>
public static class RepHome
{
    public const int MaxNextSteps = 100;
    public const int MaxAccountChoices = 500;

    public sealed record Query : IQuery<Result>;

    public sealed record Result(
        IReadOnlyList<NextStepRow> NextSteps,
        DateOnly Today,
        int AccountCount,
        IReadOnlyList<Option> Accounts,
        IReadOnlyList<Option> RecentAccounts);

    public sealed record NextStepRow
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public InteractionType Type { get; init; }
        public string NextStep { get; init; } = "";
        public DateOnly? NextStepDue { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Interaction, NextStepRow>()
            .ForMember(r => r.AccountName, o => o.MapFrom(i => i.Account!.Name))
            .ForMember(r => r.NextStep, o => o.MapFrom(i => i.NextStep ?? ""));
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock, IConfigurationProvider mapping)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var me = currentUser.UserId ?? Guid.Empty;
            var nextSteps = await db.Interactions.AsNoTracking()
                .Where(i => i.RepId == me && i.NextStep != null && i.NextStepDoneAt == null)
                .OrderBy(i => i.NextStepDue == null).ThenBy(i => i.NextStepDue).ThenBy(i => i.OccurredAt)
                .Take(MaxNextSteps)
                .ProjectTo<NextStepRow>(mapping)
                .ToListAsync(cancellationToken);
            var accountCount = await db.Accounts.CountAsync(cancellationToken);

            // Only someone who logs visits needs the picker; the list is the scope (a rep's territories).
            IReadOnlyList<Option> accounts = [];
            IReadOnlyList<Option> recent = [];
            if (currentUser.IsInRole(Roles.Rep))
            {
                accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Name).Take(MaxAccountChoices)
                    .Select(a => new Option(a.Id, a.Name)).ToListAsync(cancellationToken);
                var recentIds = await db.Interactions.AsNoTracking().Where(i => i.RepId == me)
                    .GroupBy(i => i.AccountId)
                    .Select(g => new { AccountId = g.Key, Last = g.Max(i => i.OccurredAt) })
                    .OrderByDescending(g => g.Last).Take(6)
                    .Select(g => g.AccountId)
                    .ToListAsync(cancellationToken);
                var names = await db.Accounts.AsNoTracking().Where(a => recentIds.Contains(a.Id))
                    .Select(a => new Option(a.Id, a.Name)).ToListAsync(cancellationToken);
                recent = recentIds.Select(id => names.FirstOrDefault(n => n.Id == id)).OfType<Option>().ToList();
            }

            return new Result(nextSteps, today, accountCount, accounts, recent);
        }
    }
}

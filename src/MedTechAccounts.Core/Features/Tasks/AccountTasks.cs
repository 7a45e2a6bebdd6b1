using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Tasks;

/// <summary>One account's open next best actions (most value at stake first) and its most recently closed ones.</summary>
public static class AccountTasks
{
    public const int MaxOpen = 50;
    public const int MaxRecent = 10;

    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Result(Guid AccountId, IReadOnlyList<TaskRow> Open, IReadOnlyList<TaskRow> Recent);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var tasks = db.EngagementTasks.AsNoTracking().Where(t => t.AccountId == query.AccountId);
            var open = await tasks.Where(t => t.Status == EngagementTaskStatus.Open)
                .OrderByDescending(t => t.ValueAtStake).ThenBy(t => t.Priority).ThenBy(t => t.Due).ThenBy(t => t.Id)
                .Take(MaxOpen).ProjectTo<TaskRow>(mapping).ToListAsync(cancellationToken);
            var recent = await tasks.Where(t => t.Status != EngagementTaskStatus.Open)
                .OrderByDescending(t => t.ClosedAt).ThenBy(t => t.Id)
                .Take(MaxRecent).ProjectTo<TaskRow>(mapping).ToListAsync(cancellationToken);
            return new Result(query.AccountId, open, recent);
        }
    }
}

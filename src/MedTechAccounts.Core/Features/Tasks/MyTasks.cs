using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Tasks;

/// <summary>The current user's open next best actions, the most value at stake first; paged.</summary>
public static class MyTasks
{
    public sealed record Query : IQuery<PagedResult<TaskRow>>
    {
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<TaskRow>>
    {
        public async ValueTask<PagedResult<TaskRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = currentUser.UserId ?? Guid.Empty;
            var tasks = db.EngagementTasks.AsNoTracking().Where(t => t.AssigneeId == me && t.Status == EngagementTaskStatus.Open);
            var total = await tasks.CountAsync(cancellationToken);
            var items = await tasks.OrderByDescending(t => t.ValueAtStake).ThenBy(t => t.Priority).ThenBy(t => t.Due).ThenBy(t => t.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<TaskRow>(mapping).ToListAsync(cancellationToken);
            return new PagedResult<TaskRow>(items, query.Page, query.PageSize, total);
        }
    }
}

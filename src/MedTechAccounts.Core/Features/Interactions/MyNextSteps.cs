using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>All of my open next steps, soonest due first (undated last), paged, with how many are overdue.</summary>
public static class MyNextSteps
{
    public sealed record Query : IQuery<Result>
    {
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Result(PagedResult<Row> Steps, int Overdue, DateOnly Today);

    public sealed record Row
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
        public Projection() => CreateProjection<Interaction, Row>()
            .ForMember(r => r.AccountName, o => o.MapFrom(i => i.Account!.Name))
            .ForMember(r => r.NextStep, o => o.MapFrom(i => i.NextStep ?? ""));
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock, IConfigurationProvider mapping)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var open = OpenOf(db, currentUser.UserId ?? Guid.Empty);
            var total = await open.CountAsync(cancellationToken);
            var overdue = await open.CountAsync(i => i.NextStepDue < today, cancellationToken);
            var rows = await open
                .OrderBy(i => i.NextStepDue == null).ThenBy(i => i.NextStepDue).ThenBy(i => i.OccurredAt).ThenBy(i => i.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<Row>(mapping)
                .ToListAsync(cancellationToken);
            return new Result(new PagedResult<Row>(rows, query.Page, query.PageSize, total), overdue, today);
        }
    }

    /// <summary>The open next steps of one rep's own interactions (index on rep and due date).</summary>
    private static IQueryable<Interaction> OpenOf(AppDbContext db, Guid repId) =>
        db.Interactions.AsNoTracking().Where(i => i.RepId == repId && i.NextStep != null && i.NextStepDoneAt == null);
}

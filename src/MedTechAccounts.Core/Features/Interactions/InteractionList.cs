using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>Interactions the caller may see, newest first: by account, time window and type; paged.</summary>
public static class InteractionList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public Guid? AccountId { get; init; }

        /// <summary>Occurred at or after (UTC).</summary>
        public DateTime? From { get; init; }

        /// <summary>Occurred before (UTC).</summary>
        public DateTime? To { get; init; }
        public InteractionType? Type { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid RepId { get; init; }
        public string RepName { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public InteractionType Type { get; init; }
        public int Sentiment { get; init; }
        public string? Notes { get; init; }
        public string? NextStep { get; init; }
        public DateOnly? NextStepDue { get; init; }
        public DateTime? NextStepDoneAt { get; init; }
        public InteractionSource Source { get; init; }
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Type).IsInEnum();
            RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("'To' must be after 'From'.");
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Interaction, Row>()
            .ForMember(r => r.AccountName, o => o.MapFrom(i => i.Account!.Name))
            .ForMember(r => r.RepName, o => o.MapFrom(i => i.Rep!.DisplayName));
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var interactions = db.Interactions.AsNoTracking().OfVisibleAccounts(db);
            if (query.AccountId is { } accountId)
            {
                interactions = interactions.Where(i => i.AccountId == accountId);
            }

            if (query.From is { } from)
            {
                var utc = UtcTime.ToMillisecond(from);
                interactions = interactions.Where(i => i.OccurredAt >= utc);
            }

            if (query.To is { } to)
            {
                var utc = UtcTime.ToMillisecond(to);
                interactions = interactions.Where(i => i.OccurredAt < utc);
            }

            if (query.Type is { } type)
            {
                interactions = interactions.Where(i => i.Type == type);
            }

            var total = await interactions.CountAsync(cancellationToken);
            var items = await interactions.OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<Row>(mapping).ToListAsync(cancellationToken);
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>
/// An account's interactions, newest first: when, who, what type, which contacts were there, sentiment, notes
/// and the next step. Paged for the account page ("show more"); <see cref="Query.All"/> returns every row for
/// the CSV export.
/// </summary>
public static class InteractionTimeline
{
    public const int DefaultPageSize = 10;

    public sealed record Query(Guid AccountId) : IQuery<Result>
    {
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = DefaultPageSize;

        /// <summary>Every interaction on one page (the export).</summary>
        public bool All { get; init; }
    }

    public sealed record Result(Guid AccountId, string AccountName, PagedResult<Row> Interactions);

    public sealed record Row
    {
        public Guid Id { get; init; }
        public DateTime OccurredAt { get; init; }
        public InteractionType Type { get; init; }
        public Guid RepId { get; init; }
        public string RepName { get; init; } = "";
        public int Sentiment { get; init; }
        public string? Notes { get; init; }
        public string? VoiceOfCustomer { get; init; }
        public string? NextStep { get; init; }
        public DateOnly? NextStepDue { get; init; }
        public DateTime? NextStepDoneAt { get; init; }
        public InteractionSource Source { get; init; }
        public IReadOnlyList<ContactRef> Contacts { get; init; } = [];
    }

    public sealed record ContactRef(Guid Id, string Name, ContactRole Role);

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Interaction, Row>()
            .ForMember(r => r.RepName, o => o.MapFrom(i => i.Rep!.DisplayName))
            .ForMember(r => r.Contacts, o => o.Ignore());
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        }
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Accounts.AsNoTracking().Where(a => a.Id == query.AccountId).Select(a => a.Name).SingleAsync(cancellationToken);
            var interactions = db.Interactions.AsNoTracking().Where(i => i.AccountId == query.AccountId);
            var total = await interactions.CountAsync(cancellationToken);
            var ordered = interactions.OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id);
            var (page, size) = query.All ? (1, Math.Max(1, total)) : (query.Page, query.PageSize);
            var rows = await (query.All ? ordered : ordered.Skip((page - 1) * size).Take(size))
                .ProjectTo<Row>(mapping).ToListAsync(cancellationToken);

            var ids = rows.Select(r => r.Id).ToList();
            var present = (await db.InteractionContacts.AsNoTracking()
                    .Where(c => ids.Contains(c.InteractionId))
                    .Select(c => new { c.InteractionId, c.ContactId, c.Contact!.Name, c.Contact.Role })
                    .ToListAsync(cancellationToken))
                .ToLookup(c => c.InteractionId);
            rows = rows.Select(r => r with
                {
                    Contacts = present[r.Id].OrderBy(c => c.Name, StringComparer.Ordinal)
                        .Select(c => new ContactRef(c.ContactId, c.Name, c.Role)).ToList(),
                })
                .ToList();
            return new Result(query.AccountId, name, new PagedResult<Row>(rows, page, size, total));
        }
    }
}

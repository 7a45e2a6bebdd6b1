using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contacts;

/// <summary>Contacts the caller may see, optionally of one account, filtered by role; paged.</summary>
public static class ContactList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public Guid? AccountId { get; init; }
        public ContactRole? Role { get; init; }
        public string? Search { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public ContactRole Role { get; init; }
        public ContactInfluence Influence { get; init; }
        public ContactChannel PreferredChannel { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Contact, Row>()
            .ForMember(r => r.AccountName, o => o.MapFrom(c => c.Account!.Name));
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var contacts = db.Contacts.AsNoTracking();
            if (query.AccountId is { } accountId)
            {
                contacts = contacts.Where(c => c.AccountId == accountId);
            }

            if (query.Role is { } role)
            {
                contacts = contacts.Where(c => c.Role == role);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = $"%{query.Search.Trim().ToUpperInvariant()}%";
                contacts = contacts.Where(c => EF.Functions.Like(c.Name.ToUpper(), pattern) || (c.Title != null && EF.Functions.Like(c.Title.ToUpper(), pattern)));
            }

            var total = await contacts.CountAsync(cancellationToken);
            var items = await contacts.OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<Row>(mapping).ToListAsync(cancellationToken);
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }
    }
}

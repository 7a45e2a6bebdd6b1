using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>One account: header, hierarchy, contacts and latest interactions (the install base has its own view component).</summary>
public static class AccountDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public AccountSegment Segment { get; init; }
        public AccountStatus Status { get; init; }
        public int? BedCount { get; init; }
        public Guid TerritoryId { get; init; }
        public string TerritoryName { get; init; } = "";
        public string Region { get; init; } = "";
        public Guid? OwnerRepId { get; init; }
        public string? OwnerRepName { get; init; }
        public string? City { get; init; }
        public string? State { get; init; }
        public string TimeZone { get; init; } = "";
        public Guid Version { get; init; }
        public Guid? ParentAccountId { get; init; }
        public string? ParentAccountName { get; init; }
        public IReadOnlyList<ChildRow> Children { get; init; } = [];
        public IReadOnlyList<ContactRow> Contacts { get; init; } = [];
        public IReadOnlyList<InteractionRow> LatestInteractions { get; init; } = [];
    }

    public sealed record ChildRow(Guid Id, string Name);

    public sealed record ContactRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public ContactRole Role { get; init; }
        public ContactInfluence Influence { get; init; }
        public ContactChannel PreferredChannel { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
    }

    public sealed record InteractionRow
    {
        public Guid Id { get; init; }
        public DateTime OccurredAt { get; init; }
        public InteractionType Type { get; init; }
        public string RepName { get; init; } = "";
        public int Sentiment { get; init; }
        public string? Notes { get; init; }
        public string? NextStep { get; init; }
        public DateOnly? NextStepDue { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection()
        {
            CreateProjection<Account, Result>()
                .ForMember(r => r.TerritoryName, o => o.MapFrom(a => a.Territory!.Name))
                .ForMember(r => r.Region, o => o.MapFrom(a => a.Territory!.Region))
                .ForMember(r => r.OwnerRepName, o => o.MapFrom(a => a.OwnerRep!.DisplayName))
                .ForMember(r => r.ParentAccountName, o => o.MapFrom(a => a.ParentAccount!.Name))
                .ForMember(r => r.Children, o => o.Ignore())
                .ForMember(r => r.Contacts, o => o.Ignore())
                .ForMember(r => r.LatestInteractions, o => o.Ignore());
            CreateProjection<Contact, ContactRow>();
            CreateProjection<Interaction, InteractionRow>()
                .ForMember(r => r.RepName, o => o.MapFrom(i => i.Rep!.DisplayName));
        }
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var header = await db.Accounts.AsNoTracking().Where(a => a.Id == query.Id)
                .ProjectTo<Result>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Account", query.Id);

            // Children are filtered by scope like everything else: a rep sees only the children in their territories.
            var children = await db.Accounts.AsNoTracking().Where(a => a.ParentAccountId == query.Id)
                .OrderBy(a => a.Name).Select(a => new ChildRow(a.Id, a.Name)).ToListAsync(cancellationToken);
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.AccountId == query.Id)
                .OrderBy(c => c.Name).ProjectTo<ContactRow>(mapping).ToListAsync(cancellationToken);
            var interactions = await db.Interactions.AsNoTracking().Where(i => i.AccountId == query.Id)
                .OrderByDescending(i => i.OccurredAt).Take(10)
                .ProjectTo<InteractionRow>(mapping).ToListAsync(cancellationToken);

            return header with
            {
                Children = children,
                Contacts = contacts,
                LatestInteractions = interactions,
            };
        }
    }
}

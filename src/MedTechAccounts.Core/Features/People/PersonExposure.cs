using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// What walks out of the door with one person: the accounts whose relationship runs through them (their share of the
/// interactions above the rep-dependency threshold) with the CLV at stake, the contacts only they met in the last year,
/// and the progress of their handover plan. Within the caller's scope.
/// </summary>
public static class PersonExposure
{
    public sealed record Query(Guid PersonId) : IQuery<Result>;

    public sealed record Result
    {
        public Guid PersonId { get; init; }
        public string Name { get; init; } = "";
        public bool IsActive { get; init; }
        public DateTime AsOf { get; init; }
        public DateOnly InteractionsSince { get; init; }
        public DateOnly ContactsSince { get; init; }

        /// <summary>The rep-dependency threshold (share of the account's interactions) above which an account is exposed.</summary>
        public double Threshold { get; init; }
        public int ExposedAccounts { get; init; }
        public int SoleContacts { get; init; }
        public decimal ClvAtStake { get; init; }
        public int AccountsMet { get; init; }

        /// <summary>Exposed accounts first (most CLV at stake first), then accounts where only a contact hangs on them.</summary>
        public IReadOnlyList<AccountRow> Accounts { get; init; } = [];
        public IReadOnlyList<ContactRow> Contacts { get; init; } = [];
        public IReadOnlyList<HandoverPlan.Item> Plan { get; init; } = [];
    }

    public sealed record AccountRow
    {
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public string TerritoryName { get; init; } = "";
        public string Region { get; init; } = "";
        public bool OwnedByPerson { get; init; }
        public decimal? Clv { get; init; }
        public int Interactions { get; init; }
        public int AccountInteractions { get; init; }
        public double Share { get; init; }
        public int SoleContacts { get; init; }
        public int ContactsMet { get; init; }
        public double Held { get; init; }
        public bool Exposed { get; init; }
        public decimal ClvAtStake { get; init; }

        /// <summary>The account's most frequent visitor after the person, if any (the handover rule's first choice).</summary>
        public string? NextVisitor { get; init; }
    }

    public sealed record ContactRow
    {
        public Guid ContactId { get; init; }
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public ContactRole Role { get; init; }
        public ContactInfluence Influence { get; init; }
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public int Meetings { get; init; }
        public DateTime LastMet { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.PersonId).MustBeVisiblePerson(db);
    }

    internal sealed class Handler(AppDbContext db, ExposureReader reader, HandoverPlan.Reader plans) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var person = await db.Users.AsNoTracking().Where(u => u.Id == query.PersonId)
                .Select(u => new { u.Id, u.DisplayName, u.IsActive }).SingleAsync(cancellationToken);
            var snapshot = await reader.ReadAsync(query.PersonId, cancellationToken);
            var exposure = snapshot.Exposure;
            var mine = exposure.Rows.Where(r => r.PersonId == person.Id).ToList();
            var others = exposure.Rows.Select(r => r.PersonId).Where(p => p != person.Id).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            var accounts = mine.Where(r => r.Exposed || r.SoleContacts > 0)
                .Select(r =>
                {
                    var account = snapshot.Accounts[r.AccountId];
                    var next = exposure.OthersAt(r.AccountId, person.Id).Select(t => names.GetValueOrDefault(t.PersonId)).FirstOrDefault();
                    return new AccountRow
                    {
                        AccountId = r.AccountId, AccountName = account.Name, TerritoryName = account.Territory, Region = account.Region,
                        OwnedByPerson = account.OwnerRepId == person.Id, Clv = account.Clv,
                        Interactions = r.Interactions, AccountInteractions = r.AccountInteractions, Share = r.Share,
                        SoleContacts = r.SoleContacts, ContactsMet = r.ContactsMet, Held = r.Held, Exposed = r.Exposed, ClvAtStake = r.ClvAtStake,
                        NextVisitor = next,
                    };
                })
                .OrderByDescending(a => a.Exposed).ThenByDescending(a => a.ClvAtStake).ThenByDescending(a => a.Share)
                .ThenBy(a => a.AccountName, StringComparer.Ordinal).ThenBy(a => a.AccountId)
                .ToList();

            var sole = exposure.SoleContactsOf(person.Id).ToList();
            var soleIds = sole.Select(m => m.ContactId).ToList();
            var contactInfo = await db.Contacts.AsNoTracking().Where(c => soleIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Name, c.Title, c.Role, c.Influence })
                .ToDictionaryAsync(c => c.Id, cancellationToken);
            var contacts = sole.Where(m => contactInfo.ContainsKey(m.ContactId))
                .Select(m =>
                {
                    var c = contactInfo[m.ContactId];
                    return new ContactRow
                    {
                        ContactId = c.Id, Name = c.Name, Title = c.Title, Role = c.Role, Influence = c.Influence,
                        AccountId = m.AccountId, AccountName = snapshot.Accounts.TryGetValue(m.AccountId, out var a) ? a.Name : "",
                        Meetings = m.Count, LastMet = m.LastMet,
                    };
                })
                .OrderBy(c => c.Influence).ThenBy(c => c.AccountName, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.ContactId)
                .ToList();

            var plan = await plans.ReadAsync(person.Id, cancellationToken);
            return new Result
            {
                PersonId = person.Id, Name = person.DisplayName, IsActive = person.IsActive, AsOf = snapshot.Now,
                InteractionsSince = DateOnly.FromDateTime(snapshot.Since), ContactsSince = DateOnly.FromDateTime(snapshot.ContactsSince),
                Threshold = snapshot.Threshold,
                ExposedAccounts = mine.Count(r => r.Exposed), SoleContacts = contacts.Count, ClvAtStake = mine.Sum(r => r.ClvAtStake),
                AccountsMet = mine.Count, Accounts = accounts, Contacts = contacts, Plan = plan,
            };
        }
    }
}

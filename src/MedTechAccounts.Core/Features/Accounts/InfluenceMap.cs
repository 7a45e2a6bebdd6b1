using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>
/// An account's contacts by role and influence, each with the people in the company who met them (were at an
/// interaction with them) in the last 365 days. A contact met by exactly one person is a rep dependency; one met
/// by nobody is a coverage gap.
/// </summary>
public static class InfluenceMap
{
    public const int WindowDays = RelationshipRules.MetWindowDays;

    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Result(Guid AccountId, DateOnly Since, IReadOnlyList<ContactRow> Contacts)
    {
        /// <summary>Contacts grouped by role in the order of <see cref="ContactRole"/>, each group by influence (decision makers first), then name.</summary>
        public IReadOnlyList<IGrouping<ContactRole, ContactRow>> ByRole =>
            Contacts.GroupBy(c => c.Role).OrderBy(g => g.Key).ToList();

        public int NotMet => Contacts.Count(c => c.Coverage == Coverage.NotMet);
        public int MetByOnePerson => Contacts.Count(c => c.Coverage == Coverage.OnePerson);

        /// <summary>Decision makers and influencers met by at most one person: where the relationship hangs on one rep or on nobody.</summary>
        public int KeyContactsAtRisk => Contacts.Count(c => c.Influence != ContactInfluence.User && c.Coverage != Coverage.Shared);

        /// <summary>People and how many contacts only they met.</summary>
        public IReadOnlyList<SoleContact> SoleContacts => Contacts.Where(c => c.Coverage == Coverage.OnePerson)
            .GroupBy(c => c.MetBy[0].Name)
            .Select(g => new SoleContact(g.Key, g.Count()))
            .OrderByDescending(s => s.Contacts).ThenBy(s => s.Person, StringComparer.Ordinal).ToList();
    }

    public enum Coverage
    {
        [Display(Name = "Not met")] NotMet,
        [Display(Name = "One person")] OnePerson,
        [Display(Name = "Shared")] Shared,
    }

    public sealed record ContactRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public ContactRole Role { get; init; }
        public ContactInfluence Influence { get; init; }
        public ContactChannel PreferredChannel { get; init; }

        /// <summary>Who met the contact in the window, most meetings first.</summary>
        public IReadOnlyList<Person> MetBy { get; init; } = [];
        public int Meetings { get; init; }
        public DateTime? LastMet { get; init; }
        public Coverage Coverage => MetBy.Count switch { 0 => Coverage.NotMet, 1 => Coverage.OnePerson, _ => Coverage.Shared };
    }

    public sealed record Person(Guid Id, string Name, int Meetings);

    public sealed record SoleContact(string Person, int Contacts);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now.AddDays(-WindowDays);
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.AccountId == query.AccountId)
                .Select(c => new { c.Id, c.Name, c.Title, c.Role, c.Influence, c.PreferredChannel })
                .ToListAsync(cancellationToken);
            var meetings = (await (
                        from present in db.InteractionContacts.AsNoTracking()
                        join i in db.Interactions.AsNoTracking() on present.InteractionId equals i.Id
                        where i.AccountId == query.AccountId && i.OccurredAt >= since && i.OccurredAt <= now
                        select new { present.ContactId, i.RepId, RepName = i.Rep!.DisplayName, i.OccurredAt })
                    .ToListAsync(cancellationToken))
                .ToLookup(m => m.ContactId);

            var rows = contacts.Select(c =>
                {
                    var met = meetings[c.Id].ToList();
                    return new ContactRow
                    {
                        Id = c.Id,
                        Name = c.Name,
                        Title = c.Title,
                        Role = c.Role,
                        Influence = c.Influence,
                        PreferredChannel = c.PreferredChannel,
                        MetBy = met.GroupBy(m => new { m.RepId, m.RepName })
                            .Select(g => new Person(g.Key.RepId, g.Key.RepName, g.Count()))
                            .OrderByDescending(p => p.Meetings).ThenBy(p => p.Name, StringComparer.Ordinal).ToList(),
                        Meetings = met.Count,
                        LastMet = met.Count == 0 ? null : met.Max(m => m.OccurredAt),
                    };
                })
                .OrderBy(c => c.Role).ThenBy(c => c.Influence).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)
                .ToList();
            return new Result(query.AccountId, DateOnly.FromDateTime(since), rows);
        }
    }
}

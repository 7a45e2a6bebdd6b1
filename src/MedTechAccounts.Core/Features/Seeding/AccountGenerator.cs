using System.Globalization;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>The account row and its contacts: every account has at least one contact of each influential role.</summary>
internal sealed class AccountGenerator(SeedContext context)
{
    /// <summary>One of each role the influencer-coverage signal weighs, plus a nurse at User level.</summary>
    private static readonly ContactRole[] RequiredRoles =
        [ContactRole.Clinician, ContactRole.Biomed, ContactRole.Purchasing, ContactRole.Executive];

    private static readonly (ContactRole, double)[] ExtraRoles =
    [
        (ContactRole.Clinician, 25), (ContactRole.Nursing, 30), (ContactRole.Biomed, 12),
        (ContactRole.Purchasing, 10), (ContactRole.Executive, 8), (ContactRole.IT, 10),
    ];

    private static readonly (ContactChannel, double)[] Channels =
        [(ContactChannel.Email, 45), (ContactChannel.Phone, 25), (ContactChannel.InPerson, 20), (ContactChannel.Text, 10)];

    public void Generate(AccountBuild build)
    {
        var slot = build.Slot;
        build.Account = context.Stamp(new Account
        {
            ExternalId = slot.ExternalId,
            Name = slot.Name,
            ParentAccountId = slot.ParentId,
            Segment = slot.Segment,
            BedCount = slot.Beds,
            TerritoryId = context.TerritoryId(slot.Territory),
            OwnerRepId = build.Team.Owner,
            Status = slot.Status,
            City = slot.City,
            State = slot.State.Code,
            TimeZone = slot.State.TimeZone,
        }, build.Random, slot.Id);
        context.Batch.Accounts.Add(build.Account);
        if (slot.Status == AccountStatus.Lost)
        {
            build.LostOn = context.WindowStart.AddDays(build.Random.Int(120, 300));
        }

        AddContacts(build);
    }

    private void AddContacts(AccountBuild build)
    {
        var random = build.Random;
        var count = build.Slot.Segment switch
        {
            AccountSegment.Academic => random.Int(12, 18),
            AccountSegment.Community => random.Int(7, 12),
            AccountSegment.ASC => random.Int(5, 8),
            _ => random.Int(5, 6),
        };

        var titles = RequiredRoles.Select(role => random.Pick(Names.TitlesFor(role)))
            .Append(random.Pick(Names.TitlesFor(ContactRole.Nursing).Where(t => t.Influence == ContactInfluence.User).ToList()))
            .ToList();
        while (titles.Count < count)
        {
            titles.Add(random.Pick(Names.TitlesFor(random.Weighted(ExtraRoles))));
        }

        context.PersonNames.Random = new Bogus.Randomizer(random.Int(0, int.MaxValue - 1));
        var domain = Names.MailDomain(build.Slot.Name);
        foreach (var title in titles)
        {
            var first = context.PersonNames.FirstName();
            var last = context.PersonNames.LastName();
            var contact = context.Stamp(new Contact
            {
                ExternalId = context.NextContactId(),
                AccountId = build.Account.Id,
                Name = $"{first} {last}",
                Title = title.Title,
                Role = title.Role,
                Influence = title.Influence,
                PreferredChannel = random.Weighted(Channels),
                Email = $"{MailPart(first)}.{MailPart(last)}@{domain}",
                // 555-01xx numbers are reserved for fiction.
                Phone = string.Create(CultureInfo.InvariantCulture, $"({random.Int(201, 989)}) 555-01{random.Int(0, 99):D2}"),
            }, random);
            build.Contacts.Add(contact);
            context.Batch.Contacts.Add(contact);
        }
    }

    private static string MailPart(string name) => new string(name.Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant();
}

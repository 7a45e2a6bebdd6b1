using System.Text.RegularExpressions;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>external_id, account_external_id, name, title, role, influence, email, phone</c>. The preferred channel is
/// not in the file: a new contact prefers e-mail when it has an address, else the phone, else in person; a stored
/// contact keeps its channel unless the file removes what that channel needs.
/// </summary>
internal sealed partial class ContactsCsv : CsvKind
{
    public override string Name => "contacts";

    public override IReadOnlyList<string> Columns { get; } =
        ["external_id", "account_external_id", "name", "title", "role", "influence", "email", "phone"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(string Key, Action<Contact> Apply)>();
        foreach (var line in lines)
        {
            var externalId = line.Key("external_id");
            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var name = line.Text("name", 200, required: true);
            var title = line.Text("title", 200);
            var role = line.Enum<ContactRole>("role");
            var influence = line.Enum<ContactInfluence>("influence");
            var email = line.Email("email");
            var phone = line.Text("phone", 50);
            if (phone is not null && !PhonePattern().IsMatch(phone))
            {
                line.Error("phone", "may contain digits, spaces and + ( ) - . x only");
            }

            if (externalId is not null && !ImportSession.FirstOccurrence(seen, externalId, line, "external_id"))
            {
                continue;
            }

            if (line.HasErrors)
            {
                continue;
            }

            valid.Add((externalId!, contact =>
            {
                contact.ExternalId = externalId!;
                contact.AccountId = account!.Id;
                contact.Name = name!;
                contact.Title = title;
                contact.Role = role!.Value;
                contact.Influence = influence!.Value;
                contact.Email = email;
                contact.Phone = phone;
                var usable = contact.PreferredChannel switch
                {
                    ContactChannel.Email => email is not null,
                    ContactChannel.Phone or ContactChannel.Text => phone is not null,
                    _ => true,
                };
                if (!usable || contact.Id == Guid.Empty)
                {
                    contact.PreferredChannel = email is not null ? ContactChannel.Email : phone is not null ? ContactChannel.Phone : ContactChannel.InPerson;
                }
            }));
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.Contacts, c => c.ExternalId, valid.Select(v => v.Key), ct))
            .ToDictionary(c => c.ExternalId, StringComparer.Ordinal);
        return valid.Select(v => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(v.Key, out var contact);
            if (created)
            {
                contact = new Contact { Id = Guid.Empty };
                v.Apply(contact);
                contact.Id = Guid.NewGuid();
                db.Contacts.Add(contact);
            }
            else
            {
                v.Apply(contact!);
            }

            return session.Outcome(contact!, created);
        })).ToList();
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Contacts.AsNoTracking().Select(c => new
        {
            c.ExternalId, Account = c.Account!.ExternalId, c.Name, c.Title, c.Role, c.Influence, c.Email, c.Phone,
        }).ToListAsync(ct))
            .OrderBy(c => c.ExternalId, StringComparer.Ordinal)
            .Select(c => new string?[] { c.ExternalId, c.Account, c.Name, c.Title, c.Role.ToString(), c.Influence.ToString(), c.Email, c.Phone })
            .ToList();

    [GeneratedRegex(@"^[0-9+().\-\s x]*$")]
    private static partial Regex PhonePattern();
}

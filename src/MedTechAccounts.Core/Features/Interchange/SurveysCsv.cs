using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>account_external_id, contact_external_id, date, nps, comment</c>. A response has no id of its own: the key is
/// the account, the contact (may be empty) and the date.
/// </summary>
internal sealed class SurveysCsv : CsvKind
{
    public override string Name => "surveys";

    public override IReadOnlyList<string> Columns { get; } = ["account_external_id", "contact_external_id", "date", "nps", "comment"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var contacts = (await ImportSession.WhereInAsync(db.Contacts.AsNoTracking(), c => c.ExternalId, lines.Select(l => l.Raw("contact_external_id")).OfType<string>(), ct))
            .ToDictionary(c => c.ExternalId, c => (c.Id, c.AccountId), StringComparer.Ordinal);
        var seen = new Dictionary<(Guid, Guid?, DateOnly), int>();
        var valid = new List<((Guid AccountId, Guid? ContactId, DateOnly Date) Key, int Nps, string? Comment)>();
        foreach (var line in lines)
        {
            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var contactId = line.Key("contact_external_id", required: false);
            Guid? contact = null;
            if (contactId is not null)
            {
                if (!contacts.TryGetValue(contactId, out var found))
                {
                    line.Error("contact_external_id", $"unknown contact '{contactId}'");
                }
                else if (account is not null && found.AccountId != account.Id)
                {
                    line.Error("contact_external_id", $"contact '{contactId}' is not at account '{accountId}'");
                }
                else
                {
                    contact = found.Id;
                }
            }

            var date = line.Date("date", required: true);
            var nps = line.Int("nps", 0, 10, required: true);
            var comment = line.Text("comment", 2000);
            if (account is not null && date is not null && !ImportSession.FirstOccurrence(seen, (account.Id, contact, date.Value), line, "date"))
            {
                continue;
            }

            if (!line.HasErrors)
            {
                valid.Add(((account!.Id, contact, date!.Value), nps!.Value, comment));
            }
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.SurveyResponses, s => s.AccountId, valid.Select(v => v.Key.AccountId), ct))
            .GroupBy(s => (s.AccountId, s.ContactId, s.Date))
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Id).First());
        return valid.Select(v => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(v.Key, out var survey);
            if (created)
            {
                survey = new SurveyResponse { AccountId = v.Key.AccountId, ContactId = v.Key.ContactId, Date = v.Key.Date };
                db.SurveyResponses.Add(survey);
            }

            survey!.Nps = v.Nps;
            survey.Comment = v.Comment;
            return session.Outcome(survey, created);
        })).ToList();
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.SurveyResponses.AsNoTracking().Select(s => new
        {
            Account = s.Account!.ExternalId, Contact = s.Contact!.ExternalId, s.Date, s.Nps, s.Comment,
        }).ToListAsync(ct))
            .OrderBy(s => s.Account, StringComparer.Ordinal).ThenBy(s => s.Contact ?? "", StringComparer.Ordinal).ThenBy(s => s.Date)
            .ThenBy(s => s.Nps).ThenBy(s => s.Comment ?? "", StringComparer.Ordinal)
            .Select(s => new string?[] { s.Account, s.Contact, CsvValues.Date(s.Date), CsvValues.Number(s.Nps), s.Comment })
            .ToList();
}

using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>external_id, account_external_id, rep_email, occurred_at, type, contact_external_ids, serial_numbers, sentiment,
/// notes, voice_of_customer, next_step, next_step_due</c>. Contacts and devices (by serial number) must be at the
/// account (a serial shared by two products there is written <c>SERIAL@SKU</c>); voice-of-customer problems are
/// separated by ';'. A visit logged in the app has its id as external id. Notes the patient-information check flags are
/// refused, line by line, unless the import is confirmed (<see cref="ImportSession.ConfirmedNoPatientInformation"/>).
/// </summary>
internal sealed class InteractionsCsv : CsvKind
{
    public override string Name => "interactions";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "external_id", "account_external_id", "rep_email", "occurred_at", "type", "contact_external_ids", "serial_numbers", "sentiment",
        "notes", "voice_of_customer", "next_step", "next_step_due",
    ];

    private sealed record Fields(
        AccountRef Account, Guid RepId, DateTime OccurredAt, InteractionType Type, List<Guid> ContactIds, List<Guid> DeviceIds, int Sentiment,
        string? Notes, string? VoiceOfCustomer, string? NextStep, DateOnly? NextStepDue);

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var users = await session.UsersAsync(ct);
        var contacts = (await ImportSession.WhereInAsync(db.Contacts.AsNoTracking(), c => c.ExternalId, lines.SelectMany(l => l.List("contact_external_ids")), ct))
            .ToDictionary(c => c.ExternalId, c => (c.Id, c.AccountId), StringComparer.Ordinal);
        var accountIds = lines.Select(l => l.Raw("account_external_id")).OfType<string>().Where(accounts.ContainsKey).Select(k => accounts[k].Id);
        var devices = (await ImportSession.WhereInAsync(db.Devices.AsNoTracking(), d => d.AccountId, accountIds, ct))
            .ToLookup(d => (d.AccountId, d.SerialNumber), d => (d.Id, d.ProductId));
        var products = await session.ProductsAsync(ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(string Key, Fields Fields)>();
        foreach (var line in lines)
        {
            var externalId = line.Key("external_id");
            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var repEmail = line.Email("rep_email", required: true);
            UserRef? rep = null;
            if (repEmail is not null && !users.TryGetValue(repEmail, out rep))
            {
                line.Error("rep_email", $"unknown user '{repEmail}'");
            }

            var occurred = line.Timestamp("occurred_at", required: true);
            var type = line.Enum<InteractionType>("type");
            var contactIds = new List<Guid>();
            foreach (var key in line.List("contact_external_ids").Distinct(StringComparer.Ordinal))
            {
                if (!contacts.TryGetValue(key, out var contact))
                {
                    line.Error("contact_external_ids", $"unknown contact '{key}'");
                }
                else if (account is not null && contact.AccountId != account.Id)
                {
                    line.Error("contact_external_ids", $"contact '{key}' is not at account '{accountId}'");
                }
                else
                {
                    contactIds.Add(contact.Id);
                }
            }

            var deviceIds = new List<Guid>();
            foreach (var item in line.List("serial_numbers").Distinct(StringComparer.Ordinal))
            {
                if (account is null)
                {
                    continue;
                }

                // "SERIAL" alone, or "SERIAL@SKU" where two products at the account share the serial.
                var at = item.LastIndexOf('@');
                var serial = at < 0 ? item : item[..at];
                var sku = at < 0 ? null : item[(at + 1)..];
                var matches = devices[(account.Id, serial)]
                    .Where(d => sku is null || (products.TryGetValue(sku, out var p) && p.Id == d.ProductId))
                    .ToList();
                if (matches.Count == 0)
                {
                    line.Error("serial_numbers", $"no device '{item}' in the install base of account '{accountId}'");
                }
                else if (matches.Count > 1)
                {
                    line.Error("serial_numbers", $"serial '{serial}' is ambiguous at account '{accountId}' (several products); write it as {serial}@SKU");
                }
                else
                {
                    deviceIds.Add(matches[0].Id);
                }
            }

            if (contactIds.Count > InteractionLimits.MaxContacts)
            {
                line.Error("contact_external_ids", $"at most {InteractionLimits.MaxContacts} contacts");
            }

            if (deviceIds.Count > InteractionLimits.MaxDevices)
            {
                line.Error("serial_numbers", $"at most {InteractionLimits.MaxDevices} devices");
            }

            var sentiment = line.Int("sentiment", -2, 2, required: true);
            var notes = line.Text("notes", InteractionLimits.MaxNotes);
            foreach (var reason in PatientInformationHold.Reasons(notes, session.ConfirmedNoPatientInformation))
            {
                line.Error("notes", reason);
            }

            var problems = line.List("voice_of_customer");
            if (problems.Count > InteractionLimits.MaxProblems)
            {
                line.Error("voice_of_customer", $"at most {InteractionLimits.MaxProblems} problems");
            }
            else if (problems.Any(p => p.Length > InteractionLimits.MaxProblem))
            {
                line.Error("voice_of_customer", $"each problem must be at most {InteractionLimits.MaxProblem} characters");
            }
            else if (problems.Sum(p => p.Length) + Math.Max(0, problems.Count - 1) > InteractionLimits.MaxVoiceOfCustomer)
            {
                line.Error("voice_of_customer", $"at most {InteractionLimits.MaxVoiceOfCustomer} characters in all");
            }

            var nextStep = line.Text("next_step", InteractionLimits.MaxNextStep);
            var due = line.Date("next_step_due");
            if (due is not null && nextStep is null)
            {
                line.Error("next_step_due", "needs a next_step");
            }
            else if (due is { } d && occurred is { } at && account is not null && d < AccountDate.Of(at, account.TimeZone))
            {
                line.Error("next_step_due", "must not be before the date of occurred_at");
            }

            if (externalId is not null && !ImportSession.FirstOccurrence(seen, externalId, line, "external_id"))
            {
                continue;
            }

            if (line.HasErrors)
            {
                continue;
            }

            valid.Add((externalId!, new Fields(
                account!, rep!.Id, occurred!.Value, type!.Value, contactIds, deviceIds, sentiment!.Value, StoredText.Clean(notes),
                problems.Count == 0 ? null : string.Join('\n', problems), StoredText.Clean(nextStep), due)));
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.Interactions.Include(i => i.Contacts).Include(i => i.Devices).AsSplitQuery(), i => i.ExternalId, valid.Select(v => v.Key), ct))
            .ToDictionary(i => i.ExternalId, StringComparer.Ordinal);
        return valid.Select(v => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(v.Key, out var interaction);
            var f = v.Fields;
            if (created)
            {
                interaction = new Interaction { ExternalId = v.Key, Source = InteractionSource.Api };
                db.Interactions.Add(interaction);
            }

            interaction!.AccountId = f.Account.Id;
            interaction.RepId = f.RepId;
            interaction.OccurredAt = f.OccurredAt;
            interaction.Type = f.Type;
            interaction.Sentiment = f.Sentiment;
            interaction.Notes = f.Notes;
            interaction.VoiceOfCustomer = f.VoiceOfCustomer;
            interaction.NextStep = f.NextStep;
            interaction.NextStepDue = f.NextStepDue;
            var linksChanged = interaction.SetLinks(f.ContactIds, f.DeviceIds);
            return session.Outcome(interaction, created, linksChanged && !created);
        })).ToList();
    }



    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Interactions.AsNoTracking().Select(i => new
        {
            i.Id, i.ExternalId, Account = i.Account!.ExternalId, Rep = i.Rep!.Email, i.OccurredAt, i.Type, i.Sentiment, i.Notes, i.VoiceOfCustomer,
            i.NextStep, i.NextStepDue,
        }).ToListAsync(ct);
        var contacts = (await db.InteractionContacts.AsNoTracking().Select(c => new { c.InteractionId, c.Contact!.ExternalId }).ToListAsync(ct))
            .ToLookup(c => c.InteractionId, c => c.ExternalId);
        var shared = (await db.Devices.AsNoTracking().GroupBy(d => new { d.AccountId, d.SerialNumber }).Where(g => g.Count() > 1)
                .Select(g => g.Key).ToListAsync(ct))
            .Select(k => (k.AccountId, k.SerialNumber)).ToHashSet();
        var devices = (await db.InteractionDevices.AsNoTracking()
                .Select(d => new { d.InteractionId, d.Device!.AccountId, d.Device.SerialNumber, d.Device.Product!.Sku }).ToListAsync(ct))
            .ToLookup(d => d.InteractionId, d => shared.Contains((d.AccountId, d.SerialNumber)) ? $"{d.SerialNumber}@{d.Sku}" : d.SerialNumber);
        return rows
            .OrderBy(i => i.ExternalId, StringComparer.Ordinal)
            .Select(i => new string?[]
            {
                i.ExternalId, i.Account, i.Rep, CsvValues.Timestamp(i.OccurredAt), i.Type.ToString(),
                CsvValues.List(contacts[i.Id].Order(StringComparer.Ordinal)), CsvValues.List(devices[i.Id].Distinct().Order(StringComparer.Ordinal)),
                CsvValues.Number(i.Sentiment), i.Notes, CsvValues.List(string.IsNullOrEmpty(i.VoiceOfCustomer) ? [] : i.VoiceOfCustomer.Split('\n')), i.NextStep, CsvValues.Date(i.NextStepDue),
            })
            .ToList();
    }
}

using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>external_id, account_external_id, serial_number, sku, opened_at, severity, category, first_response_at,
/// resolved_at, after_hours, responder_email</c>. The device must be in the account's install base; the status
/// follows from the times (resolved, responded or open).
/// </summary>
internal sealed class IncidentsCsv : CsvKind
{
    public override string Name => "incidents";

    public override IReadOnlyList<string> Columns { get; } =
        ["external_id", "account_external_id", "serial_number", "sku", "opened_at", "severity", "category", "first_response_at", "resolved_at", "after_hours", "responder_email"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var products = await session.ProductsAsync(ct);
        var users = await session.UsersAsync(ct);
        var serials = lines.Select(l => l.Raw("serial_number")).OfType<string>();
        var devices = (await ImportSession.WhereInAsync(db.Devices.AsNoTracking(), d => d.SerialNumber, serials, ct))
            .ToDictionary(d => (d.ProductId, d.SerialNumber), d => (d.Id, d.AccountId));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(string Key, Action<ServiceIncident> Apply)>();
        foreach (var line in lines)
        {
            var externalId = line.Key("external_id");
            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var serial = line.Text("serial_number", 100, required: true);
            var sku = line.Text("sku", 64, required: true);
            ProductRef? product = null;
            if (sku is not null && !products.TryGetValue(sku, out product))
            {
                line.Error("sku", $"unknown product '{sku}'");
            }

            (Guid Id, Guid AccountId) device = default;
            if (product is not null && serial is not null && !devices.TryGetValue((product.Id, serial), out device))
            {
                line.Error("serial_number", $"unknown device '{serial}' of product '{sku}'");
            }
            else if (product is not null && serial is not null && account is not null && device.AccountId != account.Id)
            {
                line.Error("serial_number", $"device '{serial}' is not in the install base of account '{accountId}'");
            }

            var opened = line.Timestamp("opened_at", required: true);
            if (opened is { } at && DateOnly.FromDateTime(at) > session.Today)
            {
                line.Error("opened_at", "cannot be in the future");
            }

            var severity = line.Enum<IncidentSeverity>("severity");
            var category = line.Text("category", IncidentLimits.MaxCategory, required: true);
            var responded = line.Timestamp("first_response_at");
            if (responded < opened)
            {
                line.Error("first_response_at", "must not be before opened_at");
            }

            var resolved = line.Timestamp("resolved_at");
            if (resolved < opened)
            {
                line.Error("resolved_at", "must not be before opened_at");
            }
            else if (resolved < responded)
            {
                line.Error("resolved_at", "must not be before first_response_at");
            }

            var afterHours = line.Bool("after_hours");
            var responderEmail = line.Email("responder_email");
            UserRef? responder = null;
            if (responderEmail is not null && !users.TryGetValue(responderEmail, out responder))
            {
                line.Error("responder_email", $"unknown user '{responderEmail}'");
            }

            if (externalId is not null && !ImportSession.FirstOccurrence(seen, externalId, line, "external_id"))
            {
                continue;
            }

            if (line.HasErrors)
            {
                continue;
            }

            valid.Add((externalId!, incident =>
            {
                incident.ExternalId = externalId!;
                incident.AccountId = account!.Id;
                incident.DeviceId = device.Id;
                incident.OpenedAt = opened!.Value;
                incident.Severity = severity!.Value;
                incident.Category = category!;
                incident.FirstResponseAt = responded;
                incident.ResolvedAt = resolved;
                incident.AfterHours = afterHours!.Value;
                incident.ResponderId = responder?.Id;
                incident.Status = resolved is not null ? IncidentStatus.Resolved : responded is not null ? IncidentStatus.Responded : IncidentStatus.Open;
            }));
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.Incidents, i => i.ExternalId, valid.Select(v => v.Key), ct))
            .ToDictionary(i => i.ExternalId, StringComparer.Ordinal);
        return valid.Select(v => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(v.Key, out var incident);
            if (created)
            {
                incident = new ServiceIncident();
                db.Incidents.Add(incident);
            }

            v.Apply(incident!);
            return session.Outcome(incident!, created);
        })).ToList();
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Incidents.AsNoTracking().Select(i => new
        {
            i.ExternalId, Account = i.Account!.ExternalId, i.Device!.SerialNumber, i.Device.Product!.Sku, i.OpenedAt, i.Severity, i.Category,
            i.FirstResponseAt, i.ResolvedAt, i.AfterHours, Responder = i.Responder!.Email,
        }).ToListAsync(ct))
            .OrderBy(i => i.ExternalId, StringComparer.Ordinal)
            .Select(i => new string?[]
            {
                i.ExternalId, i.Account, i.SerialNumber, i.Sku, CsvValues.Timestamp(i.OpenedAt), i.Severity.ToString(), i.Category,
                CsvValues.Timestamp(i.FirstResponseAt), CsvValues.Timestamp(i.ResolvedAt), CsvValues.Bool(i.AfterHours), i.Responder,
            })
            .ToList();
}

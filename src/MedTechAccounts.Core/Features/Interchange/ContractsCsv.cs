using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>external_id, account_external_id, start, end, annual_value, renewed_from_external_id</c>. The renewed contract
/// may be stored or defined anywhere in the same file; covered devices are not part of the file and stay as they are.
/// </summary>
internal sealed class ContractsCsv : CsvKind
{
    private static readonly DateOnly EarliestStart = new(1990, 1, 1);
    private const int MaxYearsAhead = 2;
    private const int MaxTermYears = 10;

    public override string Name => "contracts";

    public override IReadOnlyList<string> Columns { get; } = ["external_id", "account_external_id", "start", "end", "annual_value", "renewed_from_external_id"];

    private sealed record Row(CsvLine Line, string ExternalId, Guid AccountId, DateOnly Start, DateOnly End, decimal AnnualValue, string? RenewedFrom);

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var line in lines)
        {
            var externalId = line.Key("external_id");
            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var start = line.Date("start", required: true);
            var end = line.Date("end", required: true);
            // The contract form's rules (ContractFieldsValidator): a start from 1990 to two years ahead, a term of at most ten years.
            if (start is { } first && (first < EarliestStart || first > session.Today.AddYears(MaxYearsAhead)))
            {
                line.Error("start", $"must be between {CsvValues.Date(EarliestStart)} and {MaxYearsAhead} years from today");
            }
            else if (end < start)
            {
                line.Error("end", "must not be before start");
            }
            else if (start is { } from && end > from.AddYears(MaxTermYears))
            {
                line.Error("end", $"must be at most {MaxTermYears} years after start");
            }

            var value = line.Amount("annual_value", required: true);
            var renewedFrom = line.Key("renewed_from_external_id", required: false);
            if (renewedFrom is not null && renewedFrom == externalId)
            {
                line.Error("renewed_from_external_id", "a contract cannot renew itself");
            }

            if (externalId is not null && !ImportSession.FirstOccurrence(seen, externalId, line, "external_id"))
            {
                continue;
            }

            if (externalId is not null && account is not null && start is not null && end is not null && value is not null)
            {
                rows.Add(new Row(line, externalId, account.Id, start.Value, end.Value, value.Value, renewedFrom));
            }
        }

        var chain = (await db.ServiceContracts.AsNoTracking()
                .Select(c => new { c.Id, c.ExternalId, c.RenewedFromId }).ToListAsync(ct));
        var storedIds = chain.ToDictionary(c => c.ExternalId, c => c.Id, StringComparer.Ordinal);
        var storedParents = chain.Where(c => c.RenewedFromId != null)
            .ToDictionary(c => c.ExternalId, c => chain.First(p => p.Id == c.RenewedFromId).ExternalId, StringComparer.Ordinal);
        var inFile = rows.ToDictionary(r => r.ExternalId, StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.RenewedFrom is not null && r.RenewedFrom != r.ExternalId))
        {
            if (!inFile.ContainsKey(row.RenewedFrom!) && !storedIds.ContainsKey(row.RenewedFrom!))
            {
                row.Line.Error("renewed_from_external_id", $"unknown contract '{row.RenewedFrom}'");
                continue;
            }

            var visited = new HashSet<string>(StringComparer.Ordinal) { row.ExternalId };
            for (var current = row.RenewedFrom; current is not null;
                 current = inFile.TryGetValue(current, out var r) ? r.RenewedFrom : storedParents.GetValueOrDefault(current))
            {
                if (!visited.Add(current))
                {
                    row.Line.Error("renewed_from_external_id", $"'{row.RenewedFrom}' would make a renewal chain that loops");
                    break;
                }
            }
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.ServiceContracts, c => c.ExternalId, rows.Select(r => r.ExternalId), ct))
            .ToDictionary(c => c.ExternalId, StringComparer.Ordinal);
        var ids = rows.ToDictionary(r => r.ExternalId, r => storedIds.TryGetValue(r.ExternalId, out var id) ? id : Guid.NewGuid(), StringComparer.Ordinal);
        return rows.Where(r => !r.Line.HasErrors).Select(row => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(row.ExternalId, out var contract);
            if (created)
            {
                contract = new ServiceContract { Id = ids[row.ExternalId] };
                db.ServiceContracts.Add(contract);
            }

            contract!.ExternalId = row.ExternalId;
            contract.AccountId = row.AccountId;
            contract.Start = row.Start;
            contract.End = row.End;
            contract.AnnualValue = row.AnnualValue;
            contract.RenewedFromId = row.RenewedFrom is null ? null : ids.TryGetValue(row.RenewedFrom, out var from) ? from : storedIds[row.RenewedFrom];
            return session.Outcome(contract, created);
        })).ToList();
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.ServiceContracts.AsNoTracking().Select(c => new
        {
            c.ExternalId, Account = c.Account!.ExternalId, c.Start, c.End, c.AnnualValue, RenewedFrom = c.RenewedFrom!.ExternalId,
        }).ToListAsync(ct))
            .OrderBy(c => c.ExternalId, StringComparer.Ordinal)
            .Select(c => new string?[] { c.ExternalId, c.Account, CsvValues.Date(c.Start), CsvValues.Date(c.End), CsvValues.Amount(c.AnnualValue), c.RenewedFrom })
            .ToList();
}

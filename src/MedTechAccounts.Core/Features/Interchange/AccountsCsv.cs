using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>external_id, name, parent_external_id, segment, beds, territory, owner_rep_email, status, city, state</c>.
/// A parent may be stored already or be defined anywhere in the same file; a parent chain must not loop.
/// </summary>
internal sealed class AccountsCsv : CsvKind
{
    public override string Name => "accounts";

    public override IReadOnlyList<string> Columns { get; } =
        ["external_id", "name", "parent_external_id", "segment", "beds", "territory", "owner_rep_email", "status", "city", "state"];

    private sealed record Row(
        CsvLine Line, string ExternalId, string Name, string? Parent, AccountSegment Segment, int? Beds, Guid TerritoryId,
        UserRef? Owner, AccountStatus Status, string? City, string? State);

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var users = await session.UsersAsync(ct);
        var territories = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<Row>();

        foreach (var line in lines)
        {
            var externalId = line.Key("external_id");
            var name = line.Text("name", AccountLimits.MaxName, required: true);
            var parent = line.Key("parent_external_id", required: false);
            var segment = line.Enum<AccountSegment>("segment");
            var beds = line.Int("beds", 0, AccountLimits.MaxBeds);
            var territoryName = line.Text("territory", 100, required: true);
            Guid territoryId = default;
            if (territoryName is not null && !territories.TryGetValue(territoryName, out territoryId))
            {
                line.Error("territory", $"unknown territory '{territoryName}'");
            }

            var ownerEmail = line.Email("owner_rep_email");
            UserRef? owner = null;
            if (ownerEmail is not null && !users.TryGetValue(ownerEmail, out owner))
            {
                line.Error("owner_rep_email", $"unknown user '{ownerEmail}'");
            }

            var status = line.Enum<AccountStatus>("status");
            var city = line.Text("city", AccountLimits.MaxCity);
            var state = line.Text("state", AccountLimits.MaxState);
            if (parent is not null && parent == externalId)
            {
                line.Error("parent_external_id", "an account cannot be its own parent");
            }

            if (externalId is not null && !ImportSession.FirstOccurrence(seen, externalId, line, "external_id"))
            {
                continue;
            }

            if (externalId is not null && name is not null && segment is not null && status is not null && territoryName is not null)
            {
                rows.Add(new Row(line, externalId, name, parent, segment.Value, beds, territoryId, owner, status.Value, city, state));
            }
        }

        var inFile = rows.ToDictionary(r => r.ExternalId, StringComparer.Ordinal);
        var storedById = accounts.Values.ToDictionary(a => a.Id);
        foreach (var row in rows.Where(r => r.Parent is not null && r.Parent != r.ExternalId))
        {
            if (!inFile.ContainsKey(row.Parent!) && !accounts.ContainsKey(row.Parent!))
            {
                row.Line.Error("parent_external_id", $"unknown account '{row.Parent}'");
            }
            else if (Loops(row.ExternalId, inFile, accounts, storedById))
            {
                row.Line.Error("parent_external_id", $"'{row.Parent}' would make the account its own ancestor");
            }
        }

        var stored = (await ImportSession.WhereInAsync(db.Accounts, a => a.ExternalId, rows.Select(r => r.ExternalId), ct))
            .ToDictionary(a => a.ExternalId, StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Owner is { IsActive: false }))
        {
            if (stored.GetValueOrDefault(row.ExternalId)?.OwnerRepId != row.Owner!.Id)
            {
                row.Line.Error("owner_rep_email", $"'{row.Owner.Email}' is not an active user");
            }
        }

        // Ids for new accounts up front, so a child can point at a parent created later in the same file.
        var ids = rows.ToDictionary(r => r.ExternalId, r => stored.TryGetValue(r.ExternalId, out var a) ? a.Id : Guid.NewGuid(), StringComparer.Ordinal);
        return rows.Where(r => !r.Line.HasErrors).Select(row => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(row.ExternalId, out var account);
            if (created)
            {
                account = new Account { Id = ids[row.ExternalId] };
                db.Accounts.Add(account);
            }

            account!.ExternalId = row.ExternalId;
            account.Name = row.Name;
            account.ParentAccountId = row.Parent is null ? null : ids.TryGetValue(row.Parent, out var p) ? p : accounts[row.Parent].Id;
            account.Segment = row.Segment;
            account.BedCount = row.Beds;
            account.TerritoryId = row.TerritoryId;
            account.OwnerRepId = row.Owner?.Id;
            account.Status = row.Status;
            account.City = row.City;
            account.State = row.State;
            return session.Outcome(account, created);
        })).ToList();
    }

    /// <summary>Follows the parents (as the file will leave them) from <paramref name="start"/>; true when it comes back.</summary>
    private static bool Loops(string start, Dictionary<string, Row> inFile, Dictionary<string, AccountRef> stored, Dictionary<Guid, AccountRef> storedById)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { start };
        var current = start;
        while (true)
        {
            string? parent = inFile.TryGetValue(current, out var row) ? row.Parent
                : stored.TryGetValue(current, out var account) && account.ParentId is { } pid && storedById.TryGetValue(pid, out var p) ? p.ExternalId
                : null;
            if (parent is null)
            {
                return false;
            }

            if (!visited.Add(parent))
            {
                return true;
            }

            current = parent;
        }
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Accounts.AsNoTracking().Select(a => new
        {
            a.ExternalId, a.Name, Parent = a.ParentAccount!.ExternalId, a.Segment, a.BedCount, Territory = a.Territory!.Name,
            Owner = a.OwnerRep!.Email, a.Status, a.City, a.State,
        }).ToListAsync(ct))
            .OrderBy(a => a.ExternalId, StringComparer.Ordinal)
            .Select(a => new string?[]
            {
                a.ExternalId, a.Name, a.Parent, a.Segment.ToString(), CsvValues.Number(a.BedCount), a.Territory, a.Owner, a.Status.ToString(), a.City, a.State,
            })
            .ToList();
}

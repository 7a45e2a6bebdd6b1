using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary><c>name, region</c>; the name is the key (case-insensitive).</summary>
internal sealed class TerritoriesCsv : CsvKind
{
    public override string Name => "territories";

    public override IReadOnlyList<string> Columns { get; } = ["name", "region"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var stored = await session.Db.Territories.ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var changes = new List<Func<ImportOutcome>>();
        foreach (var line in lines)
        {
            var name = line.Text("name", 100, required: true);
            var region = line.Text("region", 100, required: true);
            if (name is not null && !ImportSession.FirstOccurrence(seen, name, line, "name"))
            {
                continue;
            }

            if (line.HasErrors)
            {
                continue;
            }

            changes.Add(() =>
            {
                var created = !stored.TryGetValue(name!, out var territory);
                if (created)
                {
                    territory = new Territory();
                    session.Db.Territories.Add(territory);
                }

                territory!.Name = name!;
                territory.Region = region!;
                return session.Outcome(territory, created);
            });
        }

        return changes;
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Territories.AsNoTracking().Select(t => new { t.Name, t.Region }).ToListAsync(ct))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new string?[] { t.Name, t.Region })
            .ToList();
}

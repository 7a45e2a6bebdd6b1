using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary><c>sku, name, family, category, list_price, service_life_months</c>; the SKU is the key (case-insensitive).</summary>
internal sealed class ProductsCsv : CsvKind
{
    /// <summary>As the product form allows.</summary>
    private const int MaxServiceLifeMonths = 600;

    public override string Name => "products";

    public override IReadOnlyList<string> Columns { get; } = ["sku", "name", "family", "category", "list_price", "service_life_months"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var stored = await session.Db.Products.ToDictionaryAsync(p => p.Sku, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var changes = new List<Func<ImportOutcome>>();
        foreach (var line in lines)
        {
            var sku = line.Key("sku");
            var name = line.Text("name", 200, required: true);
            var family = line.Text("family", 100, required: true);
            var category = line.Enum<ProductCategory>("category");
            var price = line.Amount("list_price", required: true);
            var life = line.Int("service_life_months", 0, MaxServiceLifeMonths, required: true);
            if (category == ProductCategory.Capital && life == 0)
            {
                line.Error("service_life_months", "capital equipment needs a service life of at least one month");
            }

            if (sku is not null && !ImportSession.FirstOccurrence(seen, sku, line, "sku"))
            {
                continue;
            }

            if (line.HasErrors)
            {
                continue;
            }

            changes.Add(() =>
            {
                var created = !stored.TryGetValue(sku!, out var product);
                if (created)
                {
                    product = new Product();
                    session.Db.Products.Add(product);
                }

                product!.Sku = sku!;
                product.Name = name!;
                product.Family = family!;
                product.Category = category!.Value;
                product.ListPrice = price!.Value;
                product.ServiceLifeMonths = life!.Value;
                return session.Outcome(product, created);
            });
        }

        return changes;
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Products.AsNoTracking().ToListAsync(ct))
            .OrderBy(p => p.Sku, StringComparer.Ordinal)
            .Select(p => new string?[]
            {
                p.Sku, p.Name, p.Family, p.Category.ToString(), CsvValues.Amount(p.ListPrice), CsvValues.Number(p.ServiceLifeMonths),
            })
            .ToList();
}

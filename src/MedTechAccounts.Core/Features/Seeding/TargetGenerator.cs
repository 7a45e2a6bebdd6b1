using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Quarterly revenue targets for the company, each region and each product family: the last eight complete
/// quarters (set near what was then booked, so some were hit and some missed) and the current quarter (last
/// year's same quarter plus growth).
/// </summary>
internal sealed class TargetGenerator(SeedContext context)
{
    public List<QuarterlyTarget> Generate()
    {
        var random = SeedRandom.For(context.Options.Seed, SeedStream.Targets, 0);
        var scopes = new List<(TargetScope Scope, string Key)> { (TargetScope.Company, "") };
        scopes.AddRange(Geography.Regions.Select(r => (TargetScope.Region, r)));
        scopes.AddRange(Catalog.Families.Select(f => (TargetScope.ProductFamily, f.Name)));

        var current = new DateOnly(context.Today.Year, ((Quarters.Of(context.Today) - 1) * 3) + 1, 1);
        var targets = new List<QuarterlyTarget>();
        for (var back = 8; back >= 0; back--)
        {
            var start = current.AddMonths(-3 * back);
            var (year, quarter) = (start.Year, Quarters.Of(start));
            foreach (var (scope, key) in scopes)
            {
                var basis = back == 0
                    ? context.Revenue.Get(year - 1, quarter, scope, key) * (decimal)random.Between(1.03, 1.10)
                    : context.Revenue.Get(year, quarter, scope, key) * (decimal)random.Between(0.93, 1.12);
                if (basis <= 0)
                {
                    continue;
                }

                targets.Add(context.Stamp(new QuarterlyTarget
                {
                    FiscalYear = year,
                    FiscalQuarter = quarter,
                    Scope = scope,
                    ScopeKey = key,
                    // Targets are set in round thousands.
                    RevenueTarget = Math.Round(basis / 1000m) * 1000m,
                }, random));
            }
        }

        return targets;
    }
}

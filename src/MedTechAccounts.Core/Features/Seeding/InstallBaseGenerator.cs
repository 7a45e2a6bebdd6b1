using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// The install base: per device kind a count from the site's size, split into lots installed over the last
/// decade. Per kind the account has an incumbent maker — us or a competitor — who holds most of the lots, so
/// competitor share varies by account. Our lots installed inside the history become capital purchases.
/// </summary>
internal sealed class InstallBaseGenerator(SeedContext context)
{
    private const int WarrantyMonths = 24;
    private const double DaysPerMonth = 30.44;

    public void Generate(AccountBuild build)
    {
        var random = build.Random;
        foreach (var family in Catalog.Families)
        {
            var competitor = random.Pick(family.Competitors);
            var weIncumbent = build.Slot.Status switch
            {
                AccountStatus.Customer => random.Chance(0.65),
                AccountStatus.Lost => random.Chance(0.6),
                _ => false,
            };
            foreach (var kind in family.Kinds)
            {
                var expected = kind.Density.For(build.Slot.Segment, build.Slot.Beds) * random.Between(0.6, 1.4);
                var count = expected >= 1 ? (int)Math.Round(expected) : random.Chance(expected) ? 1 : 0;
                while (count > 0)
                {
                    var size = Math.Min(count, random.Int(kind.LotMin, kind.LotMax));
                    count -= size;
                    var ours = build.Slot.Status != AccountStatus.Prospect && random.Chance(weIncumbent ? 0.9 : 0.1);
                    AddLot(build, kind, size, ours ? null : competitor);
                }
            }
        }

        if (build.IsCustomer && !build.Devices.Any(d => d.Competitor is null && d.Status == DeviceStatus.Active))
        {
            // A customer owns something of ours: give it a recent lot of the most common kind.
            var kind = Catalog.Kinds.Single(k => k.Product.Sku == "MON-BED-120");
            Install(build, kind, random.Int(2, 6), null, context.Today.AddDays(-random.Int(200, 1500)), DeviceStatus.Active);
        }

        if (build.Has(PlantedPattern.PostSaleSilence))
        {
            PlantSilentPurchase(build);
        }
    }

    private void AddLot(AccountBuild build, DeviceKind kind, int size, string? competitor)
    {
        var random = build.Random;
        var life = kind.Product.ServiceLifeMonths;
        var minAgeMonths = competitor is null && build.Slot.Status == AccountStatus.Lost ? 15 : 0;
        var ageMonths = random.Between(minAgeMonths, life * 1.15);
        var installed = context.LastDay.AddDays(-(int)(ageMonths * DaysPerMonth));
        var status = DeviceStatus.Active;
        if (ageMonths > life && random.Chance(0.5))
        {
            status = competitor is null && random.Chance(0.5) ? DeviceStatus.Replaced : DeviceStatus.Decommissioned;
        }
        else if (competitor is null && build.Slot.Status == AccountStatus.Lost && random.Chance(0.7))
        {
            status = DeviceStatus.LostToCompetitor;
        }

        Install(build, kind, size, competitor, installed, status);
    }

    /// <summary>Adds the devices; our units installed in the history get the order that bought them.</summary>
    private List<InstalledDevice> Install(
        AccountBuild build, DeviceKind kind, int size, string? competitor, DateOnly installed, DeviceStatus status, DateOnly? ordered = null)
    {
        var random = build.Random;
        if (competitor is null && installed >= context.WindowStart && ordered is null)
        {
            ordered = installed.AddDays(-random.Int(14, 45));
            if (build.Has(PlantedPattern.DiscountDependent) && ordered >= context.WindowStart)
            {
                ordered = Quarters.ClosingDayAtOrBefore(ordered.Value, random);
                installed = Max(installed, ordered.Value.AddDays(random.Int(10, 30)));
                installed = Min(installed, context.LastDay);
            }
        }

        var department = Names.Department(random, build.Slot.Segment, kind);
        var devices = new List<InstalledDevice>(size);
        for (var i = 0; i < size; i++)
        {
            var device = context.Stamp(new InstalledDevice
            {
                ProductId = context.Product(kind.Product.Sku).Id,
                SerialNumber = context.Serial(kind, competitor, installed),
                AccountId = build.Account.Id,
                Department = department,
                InstallDate = installed,
                WarrantyEnd = competitor is null ? installed.AddMonths(WarrantyMonths) : null,
                Status = status,
                Competitor = competitor,
            }, random);
            devices.Add(device);
            build.Devices.Add(device);
            context.Batch.Devices.Add(device);
        }

        if (ordered is { } orderDate && orderDate >= context.WindowStart)
        {
            build.Purchases.Add(new PurchaseLot(kind, devices, orderDate, installed));
        }

        return devices;
    }

    /// <summary>
    /// A big order 75–150 days ago (for discount-dependent accounts, at the close of a quarter in that span),
    /// installed 10–25 days later, followed by 35–50 days without any interaction.
    /// </summary>
    private void PlantSilentPurchase(AccountBuild build)
    {
        var random = build.Random;
        var ourFamilies = build.Devices.Where(d => d.Competitor is null).Select(d => context.KindOf(d).Product.Family).ToHashSet();
        var kinds = Catalog.Kinds.Where(k => k.LotMax >= 3 && ourFamilies.Contains(k.Product.Family)).ToList();
        var kind = random.Pick(kinds.Count > 0 ? kinds : Catalog.Kinds.Where(k => k.LotMax >= 3).ToList());
        var ordered = build.Has(PlantedPattern.DiscountDependent)
            ? Quarters.ClosingDayAtOrBefore(context.Today.AddDays(-60), random)
            : context.Today.AddDays(-random.Int(75, 150));
        var installed = ordered.AddDays(random.Int(10, 25));
        var size = (int)Math.Round(Math.Max(3, kind.LotMax) * random.Between(1, 1.5));
        Install(build, kind, size, null, installed, DeviceStatus.Active, ordered);
        var quietUntil = Min(context.LastDay, installed.AddDays(random.Int(35, 50)));
        build.Silence = (ordered, quietUntil);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Service contracts: per product family a renewal chain that starts when the first warranties run out and
/// covers the family's devices out of warranty; most contracts are renewed, some lapse. Each contract year is
/// billed as a service-renewal order.
/// </summary>
internal sealed class ContractGenerator(SeedContext context)
{
    private static readonly (int, double)[] TermYears = [(1, 50), (2, 20), (3, 30)];

    public void Generate(AccountBuild build)
    {
        if (build.Slot.Status == AccountStatus.Prospect)
        {
            return;
        }

        var random = build.Random;
        foreach (var family in Catalog.Families)
        {
            var devices = build.Devices
                .Where(d => d.Competitor is null && d.Status is DeviceStatus.Active or DeviceStatus.LostToCompetitor
                    && context.KindOf(d).Product.Family == family.Name)
                .ToList();
            if (devices.Count == 0 || !random.Chance(0.75))
            {
                continue;
            }

            var firstWarrantyEnd = devices.Min(d => d.WarrantyEnd!.Value);
            var start = Max(firstWarrantyEnd, context.Today.AddYears(-3).AddDays(random.Int(0, 300)));
            if (build.Has(PlantedPattern.DiscountDependent))
            {
                // Renewals negotiated at quarter close; whole-year terms keep later renewals there too.
                start = Quarters.End(start).AddDays(-random.Int(0, 13));
            }

            AddChain(build, family, devices, start);
        }
    }

    private void AddChain(AccountBuild build, ProductFamily family, List<InstalledDevice> devices, DateOnly start)
    {
        var random = build.Random;
        var plan = context.Product(family.ServicePlan.Sku);
        ServiceContract? previous = null;
        while (start <= context.LastDay.AddDays(-30) && (build.LostOn is null || start < build.LostOn))
        {
            var covered = devices.Where(d => d.WarrantyEnd <= start.AddDays(30)).ToList();
            if (covered.Count == 0)
            {
                start = start.AddYears(1);
                continue;
            }

            var term = random.Weighted(TermYears);
            var end = start.AddYears(term).AddDays(-1);
            var discount = build.Has(PlantedPattern.DiscountDependent) ? random.Between(0.25, 0.30) : random.Between(0, 0.10);
            var listAnnual = plan.ListPrice * covered.Count;
            var annual = Math.Round(listAnnual * (decimal)(1 - discount), 2);
            var contract = context.Stamp(new ServiceContract
            {
                ExternalId = context.NextContractId(),
                AccountId = build.Account.Id,
                Start = start,
                End = end,
                AnnualValue = annual,
                RenewedFromId = previous?.Id,
            }, random);
            context.Batch.Contracts.Add(contract);
            foreach (var device in covered)
            {
                context.Batch.ContractDevices.Add(new ServiceContractDevice { ServiceContractId = contract.Id, DeviceId = device.Id });
                device.ContractEnd = device.ContractEnd is { } known && known > end ? known : end;
            }

            for (var year = 0; year < term; year++)
            {
                var billed = start.AddYears(year);
                if (billed >= context.WindowStart && billed <= context.LastDay && (build.LostOn is null || billed < build.LostOn))
                {
                    build.ServiceBills.Add(new ServiceBill(billed, family.ServicePlan, covered.Count, listAnnual, annual));
                }
            }

            if (end >= context.Today || !random.Chance(RenewalChance(build, end)))
            {
                return;
            }

            previous = contract;
            start = end.AddDays(1);
        }
    }

    private static double RenewalChance(AccountBuild build, DateOnly end) => build switch
    {
        { LostOn: { } lost } when end >= lost => 0,
        _ when build.Has(PlantedPattern.PoorService) => 0.8,
        _ => 0.92,
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

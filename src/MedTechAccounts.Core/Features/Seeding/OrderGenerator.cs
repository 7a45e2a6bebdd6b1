using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Orders: capital for our lots installed in the history, a renewal order per billed contract year, and
/// consumables on a cadence sized by the devices they feed. Discount-dependent accounts buy most of their
/// consumables in a stocking order at the close of each quarter, and their capital there too, at 25–40% off;
/// everyone else pays at most 12% below list.
/// </summary>
internal sealed class OrderGenerator(SeedContext context)
{
    private const double DaysPerMonth = 30.44;

    public void Generate(AccountBuild build)
    {
        if (build.Slot.Status == AccountStatus.Prospect)
        {
            return;
        }

        var drafts = new List<OrderDraft>();
        AddCapital(build, drafts);
        AddRenewals(build, drafts);
        AddConsumables(build, drafts);
        foreach (var draft in drafts.OrderBy(d => d.Date))
        {
            Write(build, draft);
        }
    }

    private void AddCapital(AccountBuild build, List<OrderDraft> drafts)
    {
        var random = build.Random;
        foreach (var lot in build.Purchases)
        {
            var discount = build.Has(PlantedPattern.DiscountDependent) ? random.Between(0.25, 0.38) : random.Between(0.04, 0.12);
            var family = Catalog.FamilyOf(lot.Kind.Product.Family);
            var lines = new List<LineDraft> { new(lot.Kind.Product, lot.Devices.Count, discount) };
            if (family.Software is { } software && lot.Devices.Count >= 6 && random.Chance(0.35))
            {
                lines.Add(new(software, 1, discount));
            }

            if (random.Chance(0.5))
            {
                lines.Add(new(family.Supplies[0].Product, lot.Devices.Count * 2, discount));
            }

            drafts.Add(new(lot.OrderDate, OrderType.Capital, lines));
        }
    }

    private static void AddRenewals(AccountBuild build, List<OrderDraft> drafts)
    {
        foreach (var bill in build.ServiceBills)
        {
            drafts.Add(new(bill.Date, OrderType.ServiceRenewal, [new(bill.Plan, bill.Devices, 0, bill.ListAmount, bill.NetAmount)]));
        }
    }

    private void AddConsumables(AccountBuild build, List<OrderDraft> drafts)
    {
        var random = build.Random;
        var fleet = build.Devices
            .Where(d => d.Competitor is null && d.Status is DeviceStatus.Active or DeviceStatus.LostToCompetitor)
            .GroupBy(d => context.KindOf(d).Product.Family)
            .Select(g => (Family: Catalog.FamilyOf(g.Key), Devices: g.Count()))
            .ToList();
        if (fleet.Count == 0)
        {
            return;
        }

        var supplies = fleet.SelectMany(f => f.Family.Supplies.Select(s => (Supply: s, f.Devices))).ToList();
        var end = build.LostOn ?? context.LastDay;
        // Days between standing consumable orders: each carries every supply the site's devices use.
        var gap = build.Slot.Segment switch
        {
            AccountSegment.Academic => 34,
            AccountSegment.Community => 68,
            AccountSegment.ASC => 94,
            _ => 125,
        };
        var stocking = build.Has(PlantedPattern.DiscountDependent);

        // Discount-dependent accounts stock a quarter's use at its close (at least a case of everything);
        // in between they only top up now and then.
        var (orderChance, months) = stocking ? (0.3, 0.5) : (1.0, gap / DaysPerMonth);
        for (var day = context.WindowStart.AddDays(random.Int(0, gap)); day <= end; day = day.AddDays(Math.Max(1, (int)(gap * random.Between(0.6, 1.4)))))
        {
            if (random.Chance(orderChance))
            {
                AddConsumableOrder(drafts, day, supplies
                    .Select(s => new LineDraft(s.Supply.Product, Cases(s.Supply, s.Devices, months, random), random.Between(0, stocking ? 0.04 : 0.08))));
            }
        }

        if (!stocking)
        {
            return;
        }

        for (var quarterEnd = Quarters.End(context.WindowStart); quarterEnd.AddDays(-13) <= end; quarterEnd = Quarters.End(quarterEnd.AddDays(1)))
        {
            var day = quarterEnd.AddDays(-random.Int(0, 13));
            if (day < context.WindowStart || day > end)
            {
                continue;
            }

            AddConsumableOrder(drafts, day, supplies
                .Select(s => new LineDraft(s.Supply.Product, Math.Max(1, Cases(s.Supply, s.Devices, 3, random)), random.Between(0.25, 0.40))));
        }
    }

    private static void AddConsumableOrder(List<OrderDraft> drafts, DateOnly day, IEnumerable<LineDraft> lines)
    {
        var ordered = lines.Where(l => l.Quantity > 0).ToList();
        if (ordered.Count > 0)
        {
            drafts.Add(new(day, OrderType.Consumable, ordered));
        }
    }

    /// <summary>
    /// Cases used by the devices over the months. Fractions are rounded at random (0.3 cases is one case
    /// three times in ten), so small sites order a case now and then instead of one on every order.
    /// </summary>
    private static int Cases(Supply supply, int devices, double months, SeedRandom random)
    {
        var expected = devices * supply.CasesPerDeviceMonth * months * random.Between(0.6, 1.4);
        var whole = Math.Floor(expected);
        return (int)whole + (random.Chance(expected - whole) ? 1 : 0);
    }

    private void Write(AccountBuild build, OrderDraft draft)
    {
        var random = build.Random;
        var order = context.Stamp(new Order
        {
            ExternalId = context.NextOrderId(),
            AccountId = build.Account.Id,
            OrderDate = draft.Date,
            Type = draft.Type,
        }, random);
        context.Batch.Orders.Add(order);
        var lineNo = 0;
        foreach (var line in draft.Lines)
        {
            var product = context.Product(line.Product.Sku);
            var list = line.ListAmount ?? product.ListPrice * line.Quantity;
            var net = line.NetAmount ?? Math.Round(list * (decimal)(1 - line.Discount), 2);
            context.Batch.OrderLines.Add(context.Stamp(new OrderLine
            {
                OrderId = order.Id,
                LineNo = ++lineNo,
                ProductId = product.Id,
                Quantity = line.Quantity,
                ListAmount = list,
                NetAmount = net,
            }, random));
            context.Revenue.Add(draft.Date, build.Slot.Territory.Region, product.Family, net);
        }
    }

    private sealed record OrderDraft(DateOnly Date, OrderType Type, IReadOnlyList<LineDraft> Lines);

    /// <summary>A line priced from the list price and a discount, or with its amounts given (contract renewals).</summary>
    private sealed record LineDraft(ProductSpec Product, int Quantity, double Discount, decimal? ListAmount = null, decimal? NetAmount = null);
}

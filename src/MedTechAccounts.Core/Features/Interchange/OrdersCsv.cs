using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>order_external_id, line_no, account_external_id, order_date, type, sku, quantity, list_amount, net_amount</c>:
/// one row per order line; the rows of one order external id form the whole order (lines not in the file are removed)
/// and agree on account, date and type. Counts are per order.
/// </summary>
internal sealed class OrdersCsv : CsvKind
{
    public override string Name => "orders";

    public override IReadOnlyList<string> Columns { get; } =
        ["order_external_id", "line_no", "account_external_id", "order_date", "type", "sku", "quantity", "list_amount", "net_amount"];

    private sealed record LineFields(int LineNo, Guid ProductId, int Quantity, decimal ListAmount, decimal NetAmount);

    private sealed class OrderFields(CsvLine first, Guid accountId, DateOnly date, OrderType type)
    {
        public CsvLine First { get; } = first;
        public Guid AccountId { get; } = accountId;
        public DateOnly Date { get; } = date;
        public OrderType Type { get; } = type;
        public List<LineFields> Lines { get; } = [];
        public bool Bad { get; set; }
    }

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var products = await session.ProductsAsync(ct);
        var seen = new Dictionary<(string, int), int>();
        var orders = new Dictionary<string, OrderFields>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var externalId = line.Key("order_external_id");
            var lineNo = line.Int("line_no", 1, 10_000, required: true);
            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var date = line.Date("order_date", required: true);
            var type = line.Enum<OrderType>("type");
            var sku = line.Text("sku", 64, required: true);
            ProductRef? product = null;
            if (sku is not null && !products.TryGetValue(sku, out product))
            {
                line.Error("sku", $"unknown product '{sku}'");
            }

            var quantity = line.Int("quantity", 1, 1_000_000, required: true);
            var list = line.Amount("list_amount", required: true);
            var net = line.Amount("net_amount", required: true);
            if (net > list)
            {
                line.Error("net_amount", "must not exceed list_amount");
            }

            if (externalId is not null && lineNo is not null && !ImportSession.FirstOccurrence(seen, (externalId, lineNo.Value), line, "line_no"))
            {
                continue;
            }

            if (externalId is null)
            {
                continue;
            }

            if (orders.TryGetValue(externalId, out var order))
            {
                if (account is not null && account.Id != order.AccountId)
                {
                    line.Error("account_external_id", $"differs from line {order.First.Number} of the same order");
                }

                if (date is not null && date != order.Date)
                {
                    line.Error("order_date", $"differs from line {order.First.Number} of the same order");
                }

                if (type is not null && type != order.Type)
                {
                    line.Error("type", $"differs from line {order.First.Number} of the same order");
                }
            }
            else if (account is not null && date is not null && type is not null)
            {
                order = new OrderFields(line, account.Id, date.Value, type.Value);
                orders[externalId] = order;
            }

            if (order is null || line.HasErrors)
            {
                if (order is not null)
                {
                    order.Bad = true;
                }

                continue;
            }

            order.Lines.Add(new LineFields(lineNo!.Value, product!.Id, quantity!.Value, list!.Value, net!.Value));
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.Orders.Include(o => o.Lines), o => o.ExternalId, orders.Keys, ct))
            .ToDictionary(o => o.ExternalId, StringComparer.Ordinal);
        return orders.Where(o => !o.Value.Bad).Select(pair => (Func<ImportOutcome>)(() =>
        {
            var (key, fields) = (pair.Key, pair.Value);
            var created = !stored.TryGetValue(key, out var order);
            if (created)
            {
                order = new Order { ExternalId = key };
                db.Orders.Add(order);
            }

            order!.AccountId = fields.AccountId;
            order.OrderDate = fields.Date;
            order.Type = fields.Type;
            var linesChanged = false;
            foreach (var gone in order.Lines.Where(l => fields.Lines.All(f => f.LineNo != l.LineNo)).ToList())
            {
                order.Lines.Remove(gone);
                db.OrderLines.Remove(gone);
                linesChanged = true;
            }

            foreach (var f in fields.Lines)
            {
                var orderLine = order.Lines.FirstOrDefault(l => l.LineNo == f.LineNo);
                if (orderLine is null)
                {
                    orderLine = new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id, LineNo = f.LineNo };
                    order.Lines.Add(orderLine);
                    linesChanged = true;
                }

                orderLine.ProductId = f.ProductId;
                orderLine.Quantity = f.Quantity;
                orderLine.ListAmount = f.ListAmount;
                orderLine.NetAmount = f.NetAmount;
                linesChanged |= !created && db.Entry(orderLine).State == EntityState.Modified;
            }

            return session.Outcome(order, created, linesChanged && !created);
        })).ToList();
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.OrderLines.AsNoTracking().Select(l => new
        {
            l.Order!.ExternalId, l.LineNo, Account = l.Order.Account!.ExternalId, l.Order.OrderDate, l.Order.Type, l.Product!.Sku, l.Quantity, l.ListAmount, l.NetAmount,
        }).ToListAsync(ct))
            .OrderBy(l => l.ExternalId, StringComparer.Ordinal).ThenBy(l => l.LineNo)
            .Select(l => new string?[]
            {
                l.ExternalId, CsvValues.Number(l.LineNo), l.Account, CsvValues.Date(l.OrderDate), l.Type.ToString(), l.Sku,
                CsvValues.Number(l.Quantity), CsvValues.Amount(l.ListAmount), CsvValues.Amount(l.NetAmount),
            })
            .ToList();
}

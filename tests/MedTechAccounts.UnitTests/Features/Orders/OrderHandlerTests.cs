using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Orders;

/// <summary>The order handlers on a real (in-memory SQLite) context; the test saves, as the transaction behavior would.</summary>
public sealed class OrderHandlerTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    private async Task<(Account Account, Product A, Product B)> SeedAsync()
    {
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var a = new Product { Sku = "A-1", Name = "Set", Family = "Infusion", Category = ProductCategory.Consumable };
        var b = new Product { Sku = "B-1", Name = "Pump", Family = "Infusion", Category = ProductCategory.Capital };
        _database.Db.AddRange(account, a, b);
        await _database.Db.SaveChangesAsync();
        return (account, a, b);
    }

    private static OrderLineInput Line(Product p, decimal net) => new() { ProductId = p.Id, Quantity = 1, ListAmount = 100m, NetAmount = net };

    [Fact]
    public async Task Creating_skips_empty_rows_numbers_the_lines_and_makes_an_order_number()
    {
        var (account, a, b) = await SeedAsync();

        var id = await new CreateOrder.Handler(_database.Db).Handle(new CreateOrder.Command
        {
            AccountId = account.Id, OrderDate = new DateOnly(2026, 10, 1), Type = OrderType.Consumable,
            Lines = [new OrderLineInput(), Line(a, 90m), new OrderLineInput(), Line(b, 80m)],
        }, CancellationToken.None);
        await _database.Db.SaveChangesAsync();

        var order = await _database.Db.Orders.Include(o => o.Lines).AsNoTracking().SingleAsync(o => o.Id == id);
        Assert.StartsWith("ORD-", order.ExternalId);
        Assert.Equal([(1, a.Id, 90m), (2, b.Id, 80m)], order.Lines.OrderBy(l => l.LineNo).Select(l => (l.LineNo, l.ProductId, l.NetAmount)));
    }

    [Fact]
    public async Task Editing_keeps_the_rows_of_lines_that_keep_their_number_and_removes_the_rest()
    {
        var (account, a, b) = await SeedAsync();
        var id = await new CreateOrder.Handler(_database.Db).Handle(new CreateOrder.Command
        {
            AccountId = account.Id, ExternalId = " PO-77 ", OrderDate = new DateOnly(2026, 10, 1), Type = OrderType.Consumable, Lines = [Line(a, 90m), Line(b, 80m)],
        }, CancellationToken.None);
        await _database.Db.SaveChangesAsync();
        _database.Db.ChangeTracker.Clear();
        var before = await _database.Db.OrderLines.AsNoTracking().SingleAsync(l => l.OrderId == id && l.LineNo == 1);
        var form = await new EditOrder.QueryHandler(_database.Db).Handle(new EditOrder.Query(id), CancellationToken.None);

        await new EditOrder.Handler(_database.Db).Handle(form with { Lines = [Line(b, 50m)] }, CancellationToken.None);
        await _database.Db.SaveChangesAsync();

        var order = await _database.Db.Orders.Include(o => o.Lines).AsNoTracking().SingleAsync(o => o.Id == id);
        var line = Assert.Single(order.Lines);
        Assert.Equal((before.Id, 1, b.Id, 50m), (line.Id, line.LineNo, line.ProductId, line.NetAmount));
        Assert.Equal("PO-77", order.ExternalId);
        Assert.NotEqual(form.Version, order.Version);
    }

    public void Dispose() => _database.Dispose();
}

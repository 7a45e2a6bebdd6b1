using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Orders;

/// <summary>Order rules on a real (in-memory SQLite) context with a fixed clock: 2 November 2026.</summary>
public sealed class OrderValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private static readonly DateOnly Today = new(2026, 11, 2);

    private async Task<Product> SeedAsync()
    {
        var product = new Product { Sku = "SET-1", Name = "Infusion set", Family = "Infusion", Category = ProductCategory.Consumable, ListPrice = 12m };
        _database.Db.Products.Add(product);
        await _database.Db.SaveChangesAsync();
        return product;
    }

    private static OrderLineInput Line(Product product, int? quantity = 10, decimal? list = 1000m, decimal? net = 800m) =>
        new() { ProductId = product.Id, Quantity = quantity, ListAmount = list, NetAmount = net };

    private static CreateOrder.Command Order(params OrderLineInput[] lines) => new()
    {
        AccountId = Guid.NewGuid(), OrderDate = Today.AddDays(-3), Type = OrderType.Consumable, Lines = lines,
    };

    private async Task<IEnumerable<string>> FailingAsync(CreateOrder.Command command) =>
        (await new OrderFieldsValidator<CreateOrder.Command>(_database.Db, _database.Clock).ValidateAsync(command))
        .Errors.Select(e => e.PropertyName).Distinct().Order();

    [Fact]
    public async Task A_complete_order_is_valid_and_empty_form_rows_are_ignored()
    {
        var product = await SeedAsync();

        Assert.Empty(await FailingAsync(Order(Line(product), new OrderLineInput(), Line(product, 1, 0m, 0m))));
    }

    [Fact]
    public async Task Quantity_must_be_above_zero()
    {
        var product = await SeedAsync();

        Assert.Equal(["Lines[0].Quantity"], await FailingAsync(Order(Line(product, quantity: 0))));
        Assert.Equal(["Lines[1].Quantity"], await FailingAsync(Order(Line(product), Line(product, quantity: -2))));
        Assert.Equal(["Lines[0].Quantity"], await FailingAsync(Order(Line(product, quantity: null))));
    }

    [Fact]
    public async Task The_net_amount_may_equal_but_not_exceed_the_list_amount()
    {
        var product = await SeedAsync();

        Assert.Empty(await FailingAsync(Order(Line(product, list: 500m, net: 500m))));
        Assert.Equal(["Lines[0].NetAmount"], await FailingAsync(Order(Line(product, list: 500m, net: 500.01m))));
    }

    [Fact]
    public async Task Amounts_cannot_be_negative()
    {
        var product = await SeedAsync();

        Assert.Equal(["Lines[0].ListAmount", "Lines[0].NetAmount"], await FailingAsync(Order(Line(product, list: -1m, net: -2m))));
        Assert.Equal(["Lines[0].NetAmount"], await FailingAsync(Order(Line(product, list: 10m, net: -0.01m))));
    }

    [Fact]
    public async Task Every_line_names_a_product_of_the_catalog_and_an_order_needs_one_line()
    {
        var product = await SeedAsync();

        Assert.Equal(["Lines[0].ProductId"], await FailingAsync(Order(Line(product) with { ProductId = Guid.NewGuid() })));
        Assert.Equal(["Lines[0].ProductId"], await FailingAsync(Order(Line(product) with { ProductId = null })));
        Assert.Equal(["Lines"], await FailingAsync(Order()));
        Assert.Equal(["Lines"], await FailingAsync(Order(new OrderLineInput(), new OrderLineInput())));
    }

    [Fact]
    public async Task The_order_date_may_be_a_month_ahead_but_not_absurdly_far_or_before_1990()
    {
        var product = await SeedAsync();
        var order = Order(Line(product));

        Assert.Empty(await FailingAsync(order with { OrderDate = Today.AddDays(OrderFieldsValidator<CreateOrder.Command>.MaxDaysAhead) }));
        Assert.Equal(["OrderDate"], await FailingAsync(order with { OrderDate = Today.AddDays(32) }));
        Assert.Equal(["OrderDate"], await FailingAsync(order with { OrderDate = new DateOnly(2206, 1, 1) }));
        Assert.Equal(["OrderDate"], await FailingAsync(order with { OrderDate = new DateOnly(1989, 12, 31) }));
        Assert.Equal(["OrderDate"], await FailingAsync(order with { OrderDate = default }));
    }

    [Theory]
    [InlineData(1000, 800, 20.0)]
    [InlineData(0, 0, 0.0)]
    [InlineData(300, 200, 33.3)]
    [InlineData(500, 500, 0.0)]
    public void The_discount_percent_is_list_minus_net_over_list(decimal list, decimal net, decimal percent) =>
        Assert.Equal(percent, OrderMath.DiscountPercent(list, net));

    public void Dispose() => _database.Dispose();
}

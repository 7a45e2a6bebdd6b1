using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.InstallBase;

/// <summary>Device rules on a real (in-memory SQLite) context with a fixed clock: 2 November 2026.</summary>
public sealed class DeviceValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private static readonly DateOnly Today = new(2026, 11, 2);

    private async Task<(Product Capital, Product Other, Product Consumable, InstalledDevice Existing)> SeedAsync()
    {
        var db = _database.Db;
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var capital = new Product { Sku = "VNT-1", Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital, ServiceLifeMonths = 120 };
        var other = new Product { Sku = "PMP-1", Name = "Infusion pump", Family = "Infusion", Category = ProductCategory.Capital, ServiceLifeMonths = 96 };
        var consumable = new Product { Sku = "SET-1", Name = "Infusion set", Family = "Infusion", Category = ProductCategory.Consumable };
        var existing = new InstalledDevice { Account = account, Product = capital, SerialNumber = "SN-100", InstallDate = new DateOnly(2020, 1, 1) };
        db.AddRange(account, capital, other, consumable, existing);
        await db.SaveChangesAsync();
        return (capital, other, consumable, existing);
    }

    private static AddDevice.Command Command(Product product, string serial = "SN-200") => new()
    {
        ProductId = product.Id, SerialNumber = serial, Department = "ICU", InstallDate = new DateOnly(2024, 5, 10),
        WarrantyEnd = new DateOnly(2026, 5, 10), ContractEnd = new DateOnly(2029, 5, 10),
    };

    private async Task<IEnumerable<string>> FailingAsync<T>(T command, Func<T, Guid?> self) where T : IDeviceFields =>
        (await new DeviceFieldsValidator<T>(_database.Db, _database.Clock, self).ValidateAsync(command))
        .Errors.Select(e => e.PropertyName).Distinct().Order();

    [Fact]
    public async Task A_complete_device_is_valid()
    {
        var (capital, _, _, _) = await SeedAsync();

        Assert.Empty(await FailingAsync(Command(capital), _ => null));
    }

    [Fact]
    public async Task Warranty_and_contract_end_cannot_be_before_the_install_date_but_may_be_on_it()
    {
        var (capital, _, _, _) = await SeedAsync();
        var command = Command(capital);

        Assert.Equal(["ContractEnd", "WarrantyEnd"], await FailingAsync(command with
        {
            WarrantyEnd = command.InstallDate.AddDays(-1), ContractEnd = command.InstallDate.AddYears(-1),
        }, _ => null));
        Assert.Empty(await FailingAsync(command with { WarrantyEnd = command.InstallDate, ContractEnd = null }, _ => null));
    }

    [Fact]
    public async Task The_install_date_may_be_today_but_not_in_the_future_by_the_injected_clock()
    {
        var (capital, _, _, _) = await SeedAsync();

        Assert.Empty(await FailingAsync(Command(capital) with { InstallDate = Today, WarrantyEnd = null, ContractEnd = null }, _ => null));
        Assert.Equal(["InstallDate"], await FailingAsync(Command(capital) with { InstallDate = Today.AddDays(1), WarrantyEnd = null, ContractEnd = null }, _ => null));
        Assert.Equal(["InstallDate"], await FailingAsync(Command(capital) with { InstallDate = default, WarrantyEnd = null, ContractEnd = null }, _ => null));
    }

    [Fact]
    public async Task A_serial_number_is_unique_per_product()
    {
        var (capital, other, _, existing) = await SeedAsync();

        Assert.Equal(["SerialNumber"], await FailingAsync(Command(capital, " SN-100 "), _ => null));
        Assert.Empty(await FailingAsync(Command(other, "SN-100"), _ => null));
    }

    [Fact]
    public async Task Editing_a_device_does_not_count_its_own_serial_as_a_duplicate()
    {
        var (capital, _, _, existing) = await SeedAsync();
        var edit = new EditDevice.Command
        {
            Id = existing.Id, ProductId = capital.Id, SerialNumber = "SN-100", InstallDate = existing.InstallDate, Version = existing.Version,
        };

        Assert.Empty(await FailingAsync(edit, c => c.Id));
        Assert.Equal(["SerialNumber"], await FailingAsync(edit with { Id = Guid.NewGuid() }, c => c.Id));
    }

    [Fact]
    public async Task Only_a_capital_product_from_the_catalog_can_be_an_installed_device()
    {
        var (_, _, consumable, _) = await SeedAsync();

        Assert.Equal(["ProductId"], await FailingAsync(Command(consumable), _ => null));
        Assert.Equal(["ProductId"], await FailingAsync(Command(consumable) with { ProductId = Guid.NewGuid() }, _ => null));
    }

    public void Dispose() => _database.Dispose();
}

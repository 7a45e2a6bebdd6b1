using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Contracts;

/// <summary>Contract rules on a real (in-memory SQLite) context with a fixed clock: 2 November 2026.</summary>
public sealed class ContractValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private static readonly DateOnly Today = new(2026, 11, 2);

    private sealed record World(Account Account, Account Other, InstalledDevice Device, InstalledDevice OtherDevice, ServiceContract First, ServiceContract Second, ServiceContract Foreign);

    private async Task<World> SeedAsync()
    {
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var other = new Account { ExternalId = "ACC-2", Name = "St. Luke", TerritoryId = territory.Id };
        var product = new Product { Sku = "VNT-1", Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital, ServiceLifeMonths = 120 };
        var device = new InstalledDevice { Account = account, Product = product, SerialNumber = "SN-1", InstallDate = new DateOnly(2020, 1, 1) };
        var otherDevice = new InstalledDevice { Account = other, Product = product, SerialNumber = "SN-2", InstallDate = new DateOnly(2020, 1, 1) };
        var first = new ServiceContract { ExternalId = "SC-1", Account = account, Start = new DateOnly(2022, 1, 1), End = new DateOnly(2023, 12, 31) };
        var second = new ServiceContract { ExternalId = "SC-2", Account = account, Start = new DateOnly(2024, 1, 1), End = new DateOnly(2025, 12, 31), RenewedFrom = first };
        var foreign = new ServiceContract { ExternalId = "SC-3", Account = other, Start = new DateOnly(2024, 1, 1), End = new DateOnly(2025, 12, 31) };
        _database.Db.AddRange(account, other, product, device, otherDevice, first, second, foreign);
        await _database.Db.SaveChangesAsync();
        return new World(account, other, device, otherDevice, first, second, foreign);
    }

    private static CreateContract.Command New(World w) => new()
    {
        AccountId = w.Account.Id, Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 12, 31), AnnualValue = 12000m, DeviceIds = [w.Device.Id],
    };

    private static EditContract.Command Edit(ServiceContract c, Guid? renewedFrom) => new()
    {
        Id = c.Id, AccountId = c.AccountId, Version = c.Version, Start = c.Start, End = c.End, AnnualValue = 1m, RenewedFromId = renewedFrom,
    };

    private async Task<IEnumerable<string>> FailingAsync<T>(T command, Func<T, Guid?> self) where T : IContractFields =>
        (await new ContractFieldsValidator<T>(_database.Db, _database.Clock, self).ValidateAsync(command))
        .Errors.Select(e => e.PropertyName).Distinct().Order();

    [Fact]
    public async Task A_complete_contract_is_valid()
    {
        var w = await SeedAsync();

        Assert.Empty(await FailingAsync(New(w), _ => null));
        Assert.Empty(await FailingAsync(New(w) with { RenewedFromId = w.Second.Id }, _ => null));
    }

    [Fact]
    public async Task The_end_must_be_after_the_start()
    {
        var w = await SeedAsync();

        Assert.Equal(["End"], await FailingAsync(New(w) with { End = new DateOnly(2026, 1, 1) }, _ => null));
        Assert.Equal(["End"], await FailingAsync(New(w) with { End = new DateOnly(2025, 6, 1) }, _ => null));
        Assert.Empty(await FailingAsync(New(w) with { End = new DateOnly(2026, 1, 2) }, _ => null));
    }

    [Fact]
    public async Task The_annual_value_cannot_be_negative()
    {
        var w = await SeedAsync();

        Assert.Equal(["AnnualValue"], await FailingAsync(New(w) with { AnnualValue = -0.01m }, _ => null));
        Assert.Empty(await FailingAsync(New(w) with { AnnualValue = 0m }, _ => null));
    }

    [Fact]
    public async Task Dates_are_not_absurdly_far_ahead_nor_before_1990_and_a_term_runs_at_most_ten_years()
    {
        var w = await SeedAsync();

        Assert.Empty(await FailingAsync(New(w) with { Start = Today.AddYears(2), End = Today.AddYears(3) }, _ => null));
        Assert.Equal(["Start"], await FailingAsync(New(w) with { Start = Today.AddYears(2).AddDays(1), End = Today.AddYears(3) }, _ => null));
        Assert.Equal(["Start"], await FailingAsync(New(w) with { Start = new DateOnly(1989, 1, 1), End = new DateOnly(1990, 1, 1) }, _ => null));
        Assert.Equal(["End"], await FailingAsync(New(w) with { End = new DateOnly(2036, 1, 2) }, _ => null));
    }

    [Fact]
    public async Task Covered_devices_must_be_devices_of_the_same_account()
    {
        var w = await SeedAsync();

        Assert.Equal(["DeviceIds"], await FailingAsync(New(w) with { DeviceIds = [w.Device.Id, w.OtherDevice.Id] }, _ => null));
        Assert.Equal(["DeviceIds"], await FailingAsync(New(w) with { DeviceIds = [Guid.NewGuid()] }, _ => null));
        Assert.Empty(await FailingAsync(New(w) with { DeviceIds = [w.Device.Id, w.Device.Id] }, _ => null));
    }

    [Fact]
    public async Task The_renewed_contract_must_belong_to_the_same_account()
    {
        var w = await SeedAsync();

        Assert.Equal(["RenewedFromId"], await FailingAsync(New(w) with { RenewedFromId = w.Foreign.Id }, _ => null));
        Assert.Equal(["RenewedFromId"], await FailingAsync(New(w) with { RenewedFromId = Guid.NewGuid() }, _ => null));
    }

    [Fact]
    public async Task A_renewed_from_link_that_would_close_a_cycle_is_refused()
    {
        var w = await SeedAsync();

        // First <- Second; making First renew Second would loop, and a contract cannot renew itself.
        Assert.Equal(["RenewedFromId"], await FailingAsync(Edit(w.First, w.Second.Id), c => c.Id));
        Assert.Equal(["RenewedFromId"], await FailingAsync(Edit(w.First, w.First.Id), c => c.Id));
        Assert.Empty(await FailingAsync(Edit(w.Second, w.First.Id), c => c.Id));
        Assert.Empty(await FailingAsync(Edit(w.Second, null), c => c.Id));
    }

    [Theory]
    [InlineData("2025-01-01", "2025-12-31", "2026-01-01", "2026-12-31")]
    [InlineData("2024-03-01", "2027-02-28", "2027-03-01", "2030-02-28")]
    [InlineData("2025-01-15", "2025-03-01", "2025-03-02", "2025-04-16")]
    public void A_renewal_runs_as_long_as_the_previous_term(string previousStart, string previousEnd, string start, string end)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(D(end), RenewContract.DefaultEnd(D(previousStart), D(previousEnd), D(start)));
    }

    [Fact]
    public void The_renewal_status_says_renewed_expired_upcoming_expiring_or_active()
    {
        Assert.Equal(RenewalStatus.Renewed, RenewalChain.StatusOf(new(2020, 1, 1), new(2020, 12, 31), true, Today));
        Assert.Equal(RenewalStatus.Expired, RenewalChain.StatusOf(new(2020, 1, 1), Today.AddDays(-1), false, Today));
        Assert.Equal(RenewalStatus.Upcoming, RenewalChain.StatusOf(Today.AddDays(1), Today.AddYears(1), false, Today));
        Assert.Equal(RenewalStatus.Expiring, RenewalChain.StatusOf(new(2026, 1, 1), Today.AddDays(RenewalChain.RenewalWindowDays), false, Today));
        Assert.Equal(RenewalStatus.Active, RenewalChain.StatusOf(new(2026, 1, 1), Today.AddDays(RenewalChain.RenewalWindowDays + 1), false, Today));
    }

    [Fact]
    public void The_chain_of_any_member_runs_oldest_to_newest()
    {
        var a = new ServiceContract { ExternalId = "A", Start = new(2020, 1, 1), End = new(2020, 12, 31) };
        var b = new ServiceContract { ExternalId = "B", Start = new(2021, 1, 1), End = new(2021, 12, 31), RenewedFromId = a.Id };
        var c = new ServiceContract { ExternalId = "C", Start = new(2022, 1, 1), End = new(2022, 12, 31), RenewedFromId = b.Id };
        var unrelated = new ServiceContract { ExternalId = "X", Start = new(2021, 1, 1), End = new(2021, 12, 31) };
        var all = new[] { c, unrelated, a, b };

        Assert.Equal(["A", "B", "C"], RenewalChain.Chain(all, b.Id).Select(x => x.ExternalId));
        Assert.Equal(["A", "B", "C"], RenewalChain.Chain(all, c.Id).Select(x => x.ExternalId));
        Assert.Equal(["X"], RenewalChain.Chain(all, unrelated.Id).Select(x => x.ExternalId));
    }

    public void Dispose() => _database.Dispose();
}

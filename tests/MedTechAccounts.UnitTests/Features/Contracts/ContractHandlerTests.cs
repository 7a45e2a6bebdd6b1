using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Contracts;

/// <summary>The contract handlers on a real (in-memory SQLite) context; the test saves, as the transaction behavior would.</summary>
public sealed class ContractHandlerTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    private async Task<(ServiceContract Contract, InstalledDevice Active, InstalledDevice Retired, InstalledDevice Spare)> SeedAsync()
    {
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var product = new Product { Sku = "VNT-1", Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital, ServiceLifeMonths = 120 };
        InstalledDevice Device(string serial, DeviceStatus status) =>
            new() { Account = account, Product = product, SerialNumber = serial, InstallDate = new DateOnly(2020, 1, 1), Status = status };
        var active = Device("SN-1", DeviceStatus.Active);
        var retired = Device("SN-2", DeviceStatus.Decommissioned);
        var spare = Device("SN-3", DeviceStatus.Active);
        var contract = new ServiceContract { ExternalId = "SC-1", Account = account, Start = new DateOnly(2025, 7, 1), End = new DateOnly(2026, 6, 30), AnnualValue = 8000m };
        contract.CoveredDevices.Add(new ServiceContractDevice { ServiceContractId = contract.Id, Device = active });
        contract.CoveredDevices.Add(new ServiceContractDevice { ServiceContractId = contract.Id, Device = retired });
        _database.Db.AddRange(account, product, active, retired, spare, contract);
        await _database.Db.SaveChangesAsync();
        _database.Db.ChangeTracker.Clear();
        return (contract, active, retired, spare);
    }

    [Fact]
    public async Task Renewing_by_default_starts_the_next_day_runs_as_long_keeps_the_value_and_the_active_devices()
    {
        var (contract, active, _, _) = await SeedAsync();

        var id = await new RenewContract.Handler(_database.Db).Handle(new RenewContract.Command { Id = contract.Id }, CancellationToken.None);
        await _database.Db.SaveChangesAsync();

        var renewal = await _database.Db.ServiceContracts.Include(c => c.CoveredDevices).AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2027, 6, 30), 8000m, (Guid?)contract.Id, contract.AccountId),
            (renewal.Start, renewal.End, renewal.AnnualValue, renewal.RenewedFromId, renewal.AccountId));
        Assert.Equal([active.Id], renewal.CoveredDevices.Select(d => d.DeviceId));
        Assert.StartsWith("SC-", renewal.ExternalId);
    }

    [Fact]
    public async Task Editing_replaces_the_covered_devices()
    {
        var (contract, active, _, spare) = await SeedAsync();
        var form = await new EditContract.QueryHandler(_database.Db).Handle(new EditContract.Query(contract.Id), CancellationToken.None);

        await new EditContract.Handler(_database.Db).Handle(form with { DeviceIds = [spare.Id, active.Id], AnnualValue = 9000m }, CancellationToken.None);
        await _database.Db.SaveChangesAsync();

        var stored = await _database.Db.ServiceContracts.Include(c => c.CoveredDevices).AsNoTracking().SingleAsync(c => c.Id == contract.Id);
        Assert.Equal(new[] { active.Id, spare.Id }.Order(), stored.CoveredDevices.Select(d => d.DeviceId).Order());
        Assert.Equal(9000m, stored.AnnualValue);
        Assert.NotEqual(form.Version, stored.Version);
    }

    public void Dispose() => _database.Dispose();
}

using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Dashboards;

/// <summary>Every list page exports its rows as CSV at its own URL with <c>format=csv</c>: same filters, every page.</summary>
public abstract class ListExportTests(AppFactory app)
{
    private static string[] Lines(string csv) => csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [DbFact]
    public async Task Each_list_page_exports_all_its_filtered_rows_with_formulas_neutralised()
    {
        var territory = await app.CreateTerritoryAsync();
        var formula = await app.CreateAccountAsync(territory.Id, $"=HYPERLINK({Guid.NewGuid():N})"[..30]);
        var second = await app.CreateAccountAsync(territory.Id);
        var third = await app.CreateAccountAsync(territory.Id);
        var serial = $"EXP-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var year = 2090 + Random.Shared.Next(0, 9);
        await app.WithDbAsync(async db =>
        {
            var product = new Product { Sku = $"X-{Guid.NewGuid():N}"[..14], Name = "Monitor", Family = "Monitoring", Category = ProductCategory.Capital, ListPrice = 9_000m, ServiceLifeMonths = 96 };
            var device = new InstalledDevice { AccountId = second.Id, Product = product, SerialNumber = serial, InstallDate = new DateOnly(2024, 1, 5), Status = DeviceStatus.Active };
            db.Devices.Add(device);
            db.Incidents.Add(new ServiceIncident
            {
                ExternalId = $"T-{Guid.NewGuid():N}"[..20], AccountId = second.Id, Device = device, OpenedAt = DateTime.UtcNow.AddHours(-2), Severity = IncidentSeverity.Minor,
                Category = "Alarm", Status = IncidentSla.StatusOf(null, null),
            });
            db.Orders.Add(new Order
            {
                ExternalId = $"O-{Guid.NewGuid():N}"[..20], AccountId = third.Id, OrderDate = new DateOnly(2026, 3, 2), Type = OrderType.Capital,
                Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = 9_000m, NetAmount = 8_100m }],
            });
            db.QuarterlyTargets.AddRange(
                new QuarterlyTarget { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Company, ScopeKey = "", RevenueTarget = 1_000_000m },
                new QuarterlyTarget { FiscalYear = year, FiscalQuarter = 2, Scope = TargetScope.Company, ScopeKey = "", RevenueTarget = 1_100_000m });
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInWithCodeAsync(await app.CreateUserAsync(Roles.Admin, twoFactor: true));

        var accounts = Lines(await admin.GetStringAsync($"/accounts?TerritoryId={territory.Id}&PageSize=1&Page=2&format=csv"));
        var incidents = Lines(await admin.GetStringAsync($"/incidents?TerritoryId={territory.Id}&format=csv"));
        var devices = Lines(await admin.GetStringAsync($"/devices/search?Serial={serial}&format=csv"));
        var orders = Lines(await admin.GetStringAsync($"/orders?AccountId={third.Id}&format=csv"));
        var targets = Lines(await admin.GetStringAsync($"/targets?FiscalYear={year}&PageSize=1&format=csv"));
        var contracts = Lines(await admin.GetStringAsync($"/contracts?AccountId={third.Id}&format=csv"));
        var surveys = Lines(await admin.GetStringAsync($"/surveys?AccountId={third.Id}&format=csv"));
        var effects = Lines(await admin.GetStringAsync("/tasks/effects?format=csv"));
        var audit = Lines(await admin.GetStringAsync($"/admin/audit?EntityId={formula.Id}&format=csv"));

        Assert.Equal(4, accounts.Length);
        Assert.Contains(accounts, l => l.Contains($",'{formula.Name},", StringComparison.Ordinal));
        Assert.Equal(2, incidents.Length);
        Assert.StartsWith("Incident,Account,Territory,Device", incidents[0], StringComparison.Ordinal);
        Assert.StartsWith(serial + ",", Assert.Single(devices.Skip(1)), StringComparison.Ordinal);
        Assert.EndsWith(",1,9000,8100", Assert.Single(orders.Skip(1)), StringComparison.Ordinal);
        Assert.Equal([$"{year}-Q1", $"{year}-Q2"], targets.Skip(1).Select(l => l.Split(',')[0]).Order());
        Assert.Equal("Contract,Account,Start,End,Annual value (USD),Devices,Renewal", Assert.Single(contracts)); // a money column names its currency
        Assert.Equal("Account,Contact,Date,NPS,Category,Comment", Assert.Single(surveys));
        Assert.Equal(1 + Enum.GetValues<Playbook>().Length, effects.Length); // a row per playbook under the header
        Assert.StartsWith("At,User,Login,Entity,Id,Action,Field", audit[0], StringComparison.Ordinal); // the person's name, then the login
        Assert.True(audit.Length > 1);
    }
}

public sealed class ListExportTestsOnSqlite(SqliteAppFactory app) : ListExportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ListExportTestsOnPostgreSql(PostgreSqlAppFactory app) : ListExportTests(app), IClassFixture<PostgreSqlAppFactory>;

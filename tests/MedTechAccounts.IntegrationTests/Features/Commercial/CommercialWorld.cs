using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Commercial;

/// <summary>A signed-in user with an account they may see and one they may not.</summary>
public sealed record Actor(HttpClient Client, ApplicationUser User, Account Own, Account Foreign);

/// <summary>Set-up shared by the order, contract, survey and target tests: unique keys per test.</summary>
public static class CommercialWorld
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToUpperInvariant();

    /// <summary>
    /// A rep (own territory; the foreign account in another territory of the same region) or a manager (own region;
    /// the foreign account in another region), signed in with the API antiforgery header set.
    /// </summary>
    public static async Task<Actor> SignedInAsync(this AppFactory app, string role)
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var mine = await app.CreateTerritoryAsync(region);
        var theirs = await app.CreateTerritoryAsync(role == Roles.Manager ? null : region);
        var user = role == Roles.Manager
            ? await app.CreateUserAsync(Roles.Manager, region: region)
            : await app.CreateUserAsync(role, [mine.Id]);
        var own = await app.CreateAccountAsync(mine.Id);
        var foreign = await app.CreateAccountAsync(theirs.Id);
        var client = await app.SignInAsync(user);
        await AdminClient.AddApiTokenAsync(client);
        return new Actor(client, user, own, foreign);
    }

    public static Task<Product> ProductAsync(this AppFactory app, ProductCategory category = ProductCategory.Consumable, string? family = null) =>
        app.WithDbAsync(async (db, _) =>
        {
            var sku = Unique("P");
            var product = new Product
            {
                Sku = sku, Name = $"Product {sku}", Family = family ?? $"Family {sku}", Category = category, ListPrice = 100m,
                ServiceLifeMonths = category == ProductCategory.Capital ? 120 : 0,
            };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product;
        });

    public static Task<Order> OrderAsync(this AppFactory app, Guid accountId, Guid productId, DateOnly date, OrderType type = OrderType.Consumable,
        decimal list = 1000m, decimal net = 900m) =>
        app.WithDbAsync(async (db, _) =>
        {
            var order = new Order { ExternalId = Unique("ORD"), AccountId = accountId, OrderDate = date, Type = type };
            order.Lines.Add(new OrderLine { LineNo = 1, ProductId = productId, Quantity = 1, ListAmount = list, NetAmount = net });
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order;
        });

    public static Task<InstalledDevice> DeviceAsync(this AppFactory app, Guid accountId, Guid productId, DeviceStatus status = DeviceStatus.Active) =>
        app.WithDbAsync(async (db, _) =>
        {
            var device = new InstalledDevice
            {
                AccountId = accountId, ProductId = productId, SerialNumber = Unique("SN"), InstallDate = Today.AddYears(-3), Status = status,
            };
            db.Devices.Add(device);
            await db.SaveChangesAsync();
            return device;
        });

    public static Task<ServiceContract> ContractAsync(this AppFactory app, Guid accountId, DateOnly start, DateOnly end, Guid? renewedFrom = null,
        params Guid[] devices) =>
        app.WithDbAsync(async (db, _) =>
        {
            var contract = new ServiceContract
            {
                ExternalId = Unique("SC"), AccountId = accountId, Start = start, End = end, AnnualValue = 12000m, RenewedFromId = renewedFrom,
            };
            contract.CoveredDevices.AddRange(devices.Select(d => new ServiceContractDevice { ServiceContractId = contract.Id, DeviceId = d }));
            db.ServiceContracts.Add(contract);
            await db.SaveChangesAsync();
            return contract;
        });

    public static Task<SurveyResponse> SurveyAsync(this AppFactory app, Guid accountId, DateOnly date, int nps, Guid? contactId = null) =>
        app.WithDbAsync(async (db, _) =>
        {
            var response = new SurveyResponse { AccountId = accountId, Date = date, Nps = nps, ContactId = contactId };
            db.SurveyResponses.Add(response);
            await db.SaveChangesAsync();
            return response;
        });

    public static Task<Contact> ContactAsync(this AppFactory app, Guid accountId) => app.WithDbAsync(async (db, _) =>
    {
        var contact = new Contact { AccountId = accountId, ExternalId = Unique("C"), Name = $"Contact {Guid.NewGuid():N}"[..16], Role = ContactRole.Biomed };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    });

    /// <summary>Removes the account's stale mark so a later change can be seen to set it again.</summary>
    public static Task ClearStaleAsync(this AppFactory app, Guid accountId) =>
        app.WithDbAsync(async db => await db.StaleAccounts.Where(s => s.AccountId == accountId).ExecuteDeleteAsync());
}

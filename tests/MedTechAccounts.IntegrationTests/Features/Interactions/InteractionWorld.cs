using System.Text.RegularExpressions;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Interactions;

/// <summary>A rep with one account of their territory holding a contact and an active device, plus a foreign account.</summary>
public sealed record InteractionWorld(
    ApplicationUser Rep, Territory Territory, Account Account, Contact Contact, InstalledDevice Device,
    Account Foreign, Contact ForeignContact, InstalledDevice ForeignDevice)
{
    public static async Task<InteractionWorld> CreateAsync(AppFactory app)
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var territory = await app.CreateTerritoryAsync(region);
        var other = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var account = await app.CreateAccountAsync(territory.Id, "Visit Hospital " + Guid.NewGuid().ToString("N")[..6]);
        var foreign = await app.CreateAccountAsync(other.Id, "Foreign Hospital " + Guid.NewGuid().ToString("N")[..6]);
        var (contact, device) = await AddContactAndDeviceAsync(app, account.Id, "Dr. Ana Ruiz");
        var (foreignContact, foreignDevice) = await AddContactAndDeviceAsync(app, foreign.Id, "Dr. Foreign");
        return new InteractionWorld(rep, territory, account, contact, device, foreign, foreignContact, foreignDevice);
    }

    public static Task<(Contact, InstalledDevice)> AddContactAndDeviceAsync(AppFactory app, Guid accountId, string contactName) => app.WithDbAsync(async (db, _) =>
    {
        var product = new Product { Sku = $"SKU-{Guid.NewGuid():N}"[..16], Name = "Infusion pump IP-7", Family = "Infusion", Category = ProductCategory.Capital };
        var contact = new Contact { AccountId = accountId, ExternalId = $"CON-{Guid.NewGuid():N}"[..20], Name = contactName, Title = "Chief of Anesthesiology" };
        var device = new InstalledDevice { AccountId = accountId, Product = product, SerialNumber = $"SN-{Guid.NewGuid():N}"[..14], InstallDate = new DateOnly(2023, 5, 1) };
        db.AddRange(product, contact, device);
        await db.SaveChangesAsync();
        return (contact, device);
    });

    /// <summary>A JSON body for POST /api/interactions.</summary>
    public object ApiVisit(Guid id, string notes = "Pump alarms after the firmware update.", int sentiment = 1, bool confirmedNoPatientInformation = false) => new
    {
        Id = id,
        AccountId = Account.Id,
        OccurredAt = DateTime.UtcNow.AddMinutes(-15),
        Type = "Visit",
        ContactIds = new[] { Contact.Id },
        DeviceIds = new[] { Device.Id },
        Notes = notes,
        VoiceOfCustomer = new[] { "Alarm fatigue on night shifts", "Too many cables at the bedside" },
        Sentiment = sentiment,
        NextStep = "Send the firmware release notes",
        NextStepDue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7),
        Source = "Tablet",
        ConfirmedNoPatientInformation = confirmedNoPatientInformation,
    };

    public static Guid FormId(string html) =>
        Guid.Parse(Regex.Match(html, "name=\"Id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value);

    public static string FormOccurredAt(string html) =>
        Regex.Match(html, "name=\"OccurredAt\" value=\"([^\"]+)\"").Groups[1].Value;
}

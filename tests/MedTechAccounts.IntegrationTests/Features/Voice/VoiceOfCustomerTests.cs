using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions.Voice;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Voice;

/// <summary>
/// The customers' voice by product: a product manager reads the stated problems grouped by family and theme with
/// account name and segment only (never notes, contacts or an item that looks like patient information), cannot
/// open anything else, and answers a theme, which reaches each account's rep as one task; a manager reads only
/// their region's.
/// </summary>
public abstract class VoiceOfCustomerTests(AppFactory app)
{
    private sealed record World(string Family, Territory East, Territory West, ApplicationUser EastRep, ApplicationUser WestRep,
        Account Mercy, Account Grace, Account Pines, Contact Nurse);

    private async Task<World> WorldAsync()
    {
        var family = $"Fam-{Guid.NewGuid():N}"[..16];
        var east = await app.CreateTerritoryAsync($"RE-{Guid.NewGuid():N}"[..12]);
        var west = await app.CreateTerritoryAsync($"RW-{Guid.NewGuid():N}"[..12]);
        var eastRep = await app.CreateUserAsync(Roles.Rep, [east.Id]);
        var westRep = await app.CreateUserAsync(Roles.Rep, [west.Id]);
        var mercy = await app.CreateAccountAsync(east.Id, $"Mercy {family}", eastRep.Id);
        var grace = await app.CreateAccountAsync(east.Id, $"Grace {family}", eastRep.Id);
        var pines = await app.CreateAccountAsync(west.Id, $"Pines {family}", westRep.Id);
        var nurse = await app.WithDbAsync(async (db, _) =>
        {
            var contact = new Contact { ExternalId = $"CON-{Guid.NewGuid():N}", AccountId = mercy.Id, Name = $"Nurse Secretname {family}", Role = ContactRole.Nursing, Influence = ContactInfluence.Influencer };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });
        var pump = await DeviceAsync(mercy.Id, family, "Pump A");
        var pumpGrace = await DeviceAsync(grace.Id, family, "Pump B");
        var pumpPines = await DeviceAsync(pines.Id, family, "Pump A");
        var day = DateTime.UtcNow.AddDays(-3);
        await VisitAsync(mercy.Id, eastRep.Id, day, "Too many nuisance occlusion alarms on night shift\nBattery dies before the transport ends", pump.Id, nurse.Id);
        await VisitAsync(grace.Id, eastRep.Id, day.AddDays(-1), "too many NUISANCE occlusion alarms, on night shift!", pumpGrace.Id);
        await VisitAsync(pines.Id, westRep.Id, day, "Too many nuisance occlusion alarms on night shift", pumpPines.Id);
        // Looks like a patient's record number: counted, never shown.
        await VisitAsync(grace.Id, eastRep.Id, day.AddDays(-2), "Too many nuisance occlusion alarms on night shift MRN 12345678", pumpGrace.Id);
        return new World(family, east, west, eastRep, westRep, mercy, grace, pines, nurse);
    }

    private Task<InstalledDevice> DeviceAsync(Guid accountId, string family, string model) => app.WithDbAsync(async (db, _) =>
    {
        var sku = $"P-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var device = new InstalledDevice
        {
            AccountId = accountId,
            Product = new Product { Sku = sku, Name = $"{model} {family}", Family = family, Category = ProductCategory.Capital, ListPrice = 9000m, ServiceLifeMonths = 96 },
            SerialNumber = $"SN-{Guid.NewGuid():N}"[..14].ToUpperInvariant(),
            InstallDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1),
            Department = "ICU",
            Status = DeviceStatus.Active,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device;
    });

    private Task VisitAsync(Guid accountId, Guid repId, DateTime at, string problems, Guid deviceId, Guid? contactId = null) => app.WithDbAsync(async db =>
    {
        db.Interactions.Add(new Interaction
        {
            AccountId = accountId, RepId = repId, OccurredAt = at, ExternalId = $"INT-{Guid.NewGuid():N}", Type = InteractionType.Visit,
            Notes = "Private visit notes: the charge nurse is unhappy with the rollout.", VoiceOfCustomer = problems, Source = InteractionSource.Web,
            Devices = [new InteractionDevice { DeviceId = deviceId }],
            Contacts = contactId is { } c ? [new InteractionContact { ContactId = c }] : [],
        });
        await db.SaveChangesAsync();
    });

    private static VoiceByProduct.FamilyGroup FamilyOf(VoiceByProduct.Result result, string family) =>
        Assert.Single(result.Families, f => f.Family == family);

    [DbFact]
    public async Task A_product_manager_reads_themes_by_family_with_name_and_segment_only_and_nothing_else_of_the_accounts()
    {
        var w = await WorldAsync();
        var product = await app.CreateUserAsync(Roles.Product);
        var client = await app.SignInAsync(product);

        var result = (await client.GetFromJsonAsync<VoiceByProduct.Result>($"/api/voice?family={w.Family}", Json.Options))!;
        var page = await client.GetStringAsync($"/voice?Family={w.Family}");
        var home = await client.GetAsync("/");
        var accounts = await client.GetAsync("/accounts");
        var account = await client.GetAsync($"/accounts/{w.Mercy.Id}");
        var api = await client.GetAsync($"/api/accounts/{w.Mercy.Id}");

        var group = FamilyOf(result, w.Family);
        var alarms = group.Themes[0];
        Assert.Equal("Too many nuisance occlusion alarms on night shift", alarms.Theme);
        Assert.Equal((3, 3), (alarms.Accounts, alarms.Items));
        Assert.Equal(1, group.HeldBack);
        Assert.Equal(2, group.Themes.Count);
        Assert.Equal(3, alarms.Verbatims.Count);
        Assert.Contains(alarms.Models, m => m.Model == $"Pump A {w.Family}" && m.Items == 2);
        Assert.Equal(alarms.Items, alarms.ByQuarter.Sum());
        Assert.Contains(group.Themes, t => t.Theme == "Battery dies before the transport ends" && t.Accounts == 1);
        Assert.Contains($"Mercy {w.Family}", page);
        Assert.DoesNotContain("Private visit notes", page);
        Assert.DoesNotContain("Secretname", page);
        Assert.DoesNotContain("MRN", page);
        Assert.DoesNotContain("Private visit notes", JsonSerializer.Serialize(result, Json.Options));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/voice", home.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, accounts.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", accounts.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.True(api.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"API answered {(int)api.StatusCode}");
    }

    [DbFact]
    public async Task A_manager_reads_only_the_themes_of_their_region_and_a_rep_cannot_open_the_page()
    {
        var w = await WorldAsync();
        var manager = await app.CreateUserAsync(Roles.Manager, region: w.West.Region);
        var client = await app.SignInAsync(manager);
        var repClient = await app.SignInAsync(w.EastRep);

        var result = (await client.GetFromJsonAsync<VoiceByProduct.Result>($"/api/voice?family={w.Family}", Json.Options))!;
        var repPage = await repClient.GetAsync("/voice");

        var alarms = FamilyOf(result, w.Family).Themes.Single();
        Assert.Equal((1, 1), (alarms.Accounts, alarms.Items));
        Assert.All(alarms.Verbatims, v => Assert.Equal($"Pines {w.Family}", v.AccountName));
        Assert.Equal(HttpStatusCode.Redirect, repPage.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", repPage.Headers.Location!.ToString());
    }

    [DbFact]
    public async Task Hearing_a_theme_gives_each_accounts_rep_one_task_is_audited_and_hearing_it_again_updates_the_task()
    {
        var w = await WorldAsync();
        var product = await app.CreateUserAsync(Roles.Product);
        var client = await app.SignInAsync(product);
        var key = VoiceThemes.Normalise("Too many nuisance occlusion alarms on night shift");

        var empty = await AppFactory.PostFormAsync(client, $"/voice/heard?themeKey={key}", "/voice/heard",
            new Dictionary<string, string?> { ["ThemeKey"] = key, ["Family"] = w.Family, ["Response"] = " " });
        var first = await AppFactory.PostFormAsync(client, $"/voice/heard?themeKey={key}", "/voice/heard",
            new Dictionary<string, string?> { ["ThemeKey"] = key, ["Family"] = w.Family, ["Response"] = "Release 4.2 halves the occlusion alarm rate at night." });
        var second = await AppFactory.PostFormAsync(client, $"/voice/heard?themeKey={key}", "/voice/heard",
            new Dictionary<string, string?> { ["ThemeKey"] = key, ["Family"] = w.Family, ["Response"] = "Release 4.2 ships on the 15th." });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Response is required", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var (tasks, responses, audited) = await app.WithDbAsync(async (db, _) => (
            await db.EngagementTasks.IgnoreQueryFilters().AsNoTracking()
                .Where(t => new[] { w.Mercy.Id, w.Grace.Id, w.Pines.Id }.Contains(t.AccountId) && t.Playbook == Playbook.TellCustomerProductHeard).ToListAsync(),
            await db.VoiceResponses.AsNoTracking().Where(r => r.Family == w.Family).OrderBy(r => r.RespondedAt).ToListAsync(),
            await db.AuditEntries.AsNoTracking().CountAsync(e => e.Entity == nameof(VoiceResponse) && e.UserName == product.Email)));
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(EngagementTaskStatus.Open, t.Status));
        Assert.All(tasks, t => Assert.Contains("Release 4.2 ships on the 15th.", t.Reason));
        Assert.Equal(w.WestRep.Id, tasks.Single(t => t.AccountId == w.Pines.Id).AssigneeId);
        Assert.Equal([3, 3], responses.Select(r => r.AccountsTold));
        Assert.True(audited >= 2, "each answer is audited");

        var repTasks = await (await app.SignInAsync(w.WestRep)).GetStringAsync("/tasks");
        Assert.Contains("Release 4.2 ships on the 15th.", repTasks);
        var page = await client.GetStringAsync($"/voice?Family={w.Family}");
        Assert.Contains("Release 4.2 ships on the 15th.", page);
    }

    [DbFact]
    public async Task The_synonym_list_merges_themes_and_a_bad_line_is_refused_naming_it()
    {
        var w = await WorldAsync();
        var (client, _) = await app.SignedInAdminAsync();
        var before = await client.GetFromJsonAsync<VoiceByProduct.Result>($"/api/voice?family={w.Family}", Json.Options);
        var version = await app.WithDbAsync(async (db, _) => (await db.VoiceSettings.AsNoTracking().SingleAsync()).Version);

        var bad = await AppFactory.PostFormAsync(client, "/voice/synonyms", "/voice/synonyms",
            new Dictionary<string, string?> { ["Version"] = version.ToString(), ["Synonyms"] = "battery = Battery life\nno equals sign here" });
        var good = await AppFactory.PostFormAsync(client, "/voice/synonyms", "/voice/synonyms",
            new Dictionary<string, string?> { ["Version"] = version.ToString(), ["Synonyms"] = "battery = Battery life\nnuisance occlusion = Battery life" });
        var after = await client.GetFromJsonAsync<VoiceByProduct.Result>($"/api/voice?family={w.Family}", Json.Options);
        var reset = await AppFactory.PostFormAsync(client, "/voice/synonyms", "/voice/synonyms",
            new Dictionary<string, string?> { ["Version"] = (await app.WithDbAsync(async (db, _) => (await db.VoiceSettings.AsNoTracking().SingleAsync()).Version)).ToString(), ["Synonyms"] = "" });

        Assert.Equal(2, FamilyOf(before!, w.Family).Themes.Count);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Synonyms line 2", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("Battery life", Assert.Single(FamilyOf(after!, w.Family).Themes).Theme);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
    }
}

public sealed class VoiceOfCustomerTestsOnSqlite(SqliteAppFactory app) : VoiceOfCustomerTests(app), IClassFixture<SqliteAppFactory>;

public sealed class VoiceOfCustomerTestsOnPostgreSql(PostgreSqlAppFactory app) : VoiceOfCustomerTests(app), IClassFixture<PostgreSqlAppFactory>;

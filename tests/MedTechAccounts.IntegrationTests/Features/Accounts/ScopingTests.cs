using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Accounts;

/// <summary>Territory scoping, proven on every account-related route through the real HTTP pipeline.</summary>
public abstract class ScopingTests(AppFactory app)
{
    private async Task<(ApplicationUser Rep, Account Own, Account Foreign, Contact ForeignContact)> RepWithForeignAccountAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var mine = await app.CreateTerritoryAsync(region);
        var theirs = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var own = await app.CreateAccountAsync(mine.Id, "Own Hospital " + Guid.NewGuid().ToString("N")[..6]);
        var foreign = await app.CreateAccountAsync(theirs.Id, "Foreign Hospital " + Guid.NewGuid().ToString("N")[..6]);
        var contact = await app.WithDbAsync(async (db, _) =>
        {
            var c = new Contact { AccountId = foreign.Id, ExternalId = $"CON-{Guid.NewGuid():N}"[..20], Name = "Dr. Foreign", Role = ContactRole.Clinician };
            db.Contacts.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        return (rep, own, foreign, contact);
    }

    [DbFact]
    public async Task A_rep_lists_only_accounts_of_their_territories_in_the_UI_and_the_API()
    {
        var (rep, own, foreign, _) = await RepWithForeignAccountAsync();
        var client = await app.SignInAsync(rep);

        var page = await client.GetStringAsync("/accounts?PageSize=200");
        Assert.Contains(own.Name, page);
        Assert.DoesNotContain(foreign.Name, page);

        var api = await client.GetFromJsonAsync<ApiPage<AccountList.Row>>("/api/accounts?pageSize=200", Json.Options);
        Assert.Contains(api!.Items, a => a.Id == own.Id);
        Assert.DoesNotContain(api.Items, a => a.Id == foreign.Id);
    }

    [DbFact]
    public async Task A_foreign_account_answers_404_on_every_account_route()
    {
        var (rep, _, foreign, foreignContact) = await RepWithForeignAccountAsync();
        var client = await app.SignInAsync(rep);

        foreach (var url in new[]
                 {
                     $"/accounts/{foreign.Id}", $"/accounts/{foreign.Id}/edit", $"/contacts/{foreignContact.Id}/edit",
                     $"/api/accounts/{foreign.Id}", $"/api/contacts/{foreignContact.Id}",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        var token = await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        var put = await client.PutAsJsonAsync($"/api/accounts/{foreign.Id}", new { foreign.ExternalId, Name = "Hijacked", foreign.TerritoryId, Version = foreign.Version, TimeZone = "America/Chicago" }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        var putContact = await client.PutAsJsonAsync($"/api/contacts/{foreignContact.Id}", new { foreignContact.ExternalId, Name = "Hijacked", foreignContact.AccountId, foreignContact.Version }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, putContact.StatusCode);
        var postContact = await client.PostAsJsonAsync("/api/contacts", new { AccountId = foreign.Id, ExternalId = $"X-{Guid.NewGuid():N}"[..20], Name = "Planted" }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, postContact.StatusCode);

        var form = await client.PostAsync($"/accounts/{foreign.Id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Version"] = foreign.Version.ToString(), ["ExternalId"] = foreign.ExternalId,
            ["Name"] = "Hijacked", ["TerritoryId"] = foreign.TerritoryId.ToString(), ["TimeZone"] = "America/Chicago",
        }));
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        var contactForm = await client.PostAsync($"/accounts/{foreign.Id}/contacts/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ExternalId"] = $"X-{Guid.NewGuid():N}"[..20], ["Name"] = "Planted",
        }));
        Assert.Equal(HttpStatusCode.NotFound, contactForm.StatusCode);

        var unchanged = await app.WithDbAsync(async (db, _) => (await db.Accounts.FindAsync(foreign.Id))!.Name);
        Assert.Equal(foreign.Name, unchanged);
    }

    [DbFact]
    public async Task A_rep_cannot_create_an_account_in_a_territory_they_do_not_cover()
    {
        var (rep, _, foreign, _) = await RepWithForeignAccountAsync();
        var client = await app.SignInAsync(rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));

        var response = await client.PostAsJsonAsync("/api/accounts", new
        {
            ExternalId = $"NEW-{Guid.NewGuid():N}"[..20], Name = "Sneaky General", foreign.TerritoryId, Segment = "Community", TimeZone = "America/Chicago",
        }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Contains("TerritoryId", problem!.Errors.Keys);
    }

    [DbFact]
    public async Task Creating_with_a_foreign_records_id_or_key_answers_one_generic_conflict_that_names_no_record_and_the_contact_form_answers_404()
    {
        var (rep, own, foreign, foreignContact) = await RepWithForeignAccountAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (product, device, visitId) = await app.WithDbAsync(async (db, _) =>
        {
            var sku = $"P-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
            var p = new Product { Sku = sku, Name = $"Pump {sku}", Family = "Infusion", Category = ProductCategory.Capital, ListPrice = 1000m, ServiceLifeMonths = 120 };
            var d = new InstalledDevice { AccountId = foreign.Id, Product = p, SerialNumber = $"SN-{Guid.NewGuid():N}"[..14].ToUpperInvariant(), InstallDate = today.AddYears(-1), Status = DeviceStatus.Active };
            var otherRep = await db.Users.FirstAsync();
            var visit = new Interaction
            {
                ExternalId = Guid.NewGuid().ToString(), AccountId = foreign.Id, RepId = otherRep.Id, OccurredAt = DateTime.UtcNow.AddHours(-2), Type = InteractionType.Visit,
                Source = InteractionSource.Web, RequestHash = "foreign",
            };
            db.AddRange(p, d, visit);
            await db.SaveChangesAsync();
            return (p, d, visit.Id);
        });
        var client = await app.SignInAsync(rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));
        object Account(Guid? id, string externalId) => new { Id = id, ExternalId = externalId, Name = "Probe General", own.TerritoryId, TimeZone = "America/Chicago" };
        object Contact(Guid? id, string externalId) => new { Id = id, AccountId = own.Id, ExternalId = externalId, Name = "Probe Person", Role = "Biomed" };
        var fresh = () => $"NEW-{Guid.NewGuid():N}"[..20];

        var collisions = new Dictionary<string, HttpResponseMessage>
        {
            ["account id"] = await client.PostAsJsonAsync("/api/accounts", Account(foreign.Id, fresh()), Json.Options),
            ["account external id"] = await client.PostAsJsonAsync("/api/accounts", Account(null, foreign.ExternalId), Json.Options),
            ["contact id"] = await client.PostAsJsonAsync("/api/contacts", Contact(foreignContact.Id, fresh()), Json.Options),
            ["contact external id"] = await client.PostAsJsonAsync("/api/contacts", Contact(null, foreignContact.ExternalId), Json.Options),
            ["device id"] = await client.PostAsJsonAsync("/api/devices", new
            {
                Id = device.Id, AccountId = own.Id, ProductId = product.Id, SerialNumber = fresh(), InstallDate = today.AddYears(-1),
            }, Json.Options),
            ["serial number"] = await client.PostAsJsonAsync("/api/devices", new
            {
                AccountId = own.Id, ProductId = product.Id, device.SerialNumber, InstallDate = today.AddYears(-1),
            }, Json.Options),
            ["visit id"] = await client.PostAsJsonAsync("/api/interactions", new
            {
                Id = visitId, AccountId = own.Id, OccurredAt = DateTime.UtcNow.AddMinutes(-5), Type = "Visit", Sentiment = 0,
            }, Json.Options),
        };
        var form = await client.GetAsync($"/accounts/{foreign.Id}/contacts/new");
        var ownCollision = await client.PostAsJsonAsync("/api/accounts", Account(null, own.ExternalId), Json.Options);

        var details = new HashSet<string>();
        foreach (var (key, response) in collisions)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadAsStringAsync();
            details.Add(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!);
            foreach (var secret in new[] { foreign.Id.ToString(), foreign.ExternalId, foreign.Name, foreignContact.ExternalId, device.SerialNumber, visitId.ToString(), "account", "contact", "device", "interaction" })
            {
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Single(details);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ownCollision.StatusCode);
        Assert.Equal(["ExternalId"], (await ownCollision.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
    }

    [DbFact]
    public async Task A_manager_sees_the_accounts_of_their_region_and_an_executive_sees_all()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var inRegion = await app.CreateTerritoryAsync(region);
        var elsewhere = await app.CreateTerritoryAsync();
        var regional = await app.CreateAccountAsync(inRegion.Id);
        var other = await app.CreateAccountAsync(elsewhere.Id);
        var manager = await app.CreateUserAsync(Roles.Manager, region: region);
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);

        var managerClient = await app.SignInAsync(manager);
        Assert.Equal(HttpStatusCode.OK, (await managerClient.GetAsync($"/api/accounts/{regional.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await managerClient.GetAsync($"/api/accounts/{other.Id}")).StatusCode);

        var asExecutive = TestUser.Of(executive, Roles.Executive);
        var seen = await app.SendAsAsync(asExecutive, s => s.Send(new AccountDetails.Query(other.Id)));
        Assert.Equal(other.Name, seen.Name);
    }
}

public sealed class ScopingTestsOnSqlite(SqliteAppFactory app) : ScopingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ScopingTestsOnPostgreSql(PostgreSqlAppFactory app) : ScopingTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.IntegrationTests.Infrastructure;

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

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Accounts;

/// <summary>Create and edit accounts through the forms and the API: validation, concurrency and audit.</summary>
public abstract class AccountEditingTests(AppFactory app)
{
    private async Task<(HttpClient Client, ApplicationUser Rep, Territory Territory)> SignedInRepAsync()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var client = await app.SignInAsync(rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));
        return (client, rep, territory);
    }

    [DbFact]
    public async Task Creating_an_account_through_the_form_stores_it_and_audits_every_field_as_the_rep()
    {
        var (client, rep, territory) = await SignedInRepAsync();
        var externalId = $"ACC-{Guid.NewGuid():N}"[..20];

        var response = await AppFactory.PostFormAsync(client, "/accounts/new", "/accounts/new", new Dictionary<string, string?>
        {
            ["ExternalId"] = externalId, ["Name"] = "Lakeside Regional Medical Center", ["Segment"] = "Academic", ["Status"] = "Customer",
            ["BedCount"] = "420", ["TerritoryId"] = territory.Id.ToString(), ["TimeZone"] = "America/Chicago", ["City"] = "Peoria", ["State"] = "IL",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (account, audit) = await app.WithDbAsync(async (db, _) =>
        {
            var a = await db.Accounts.SingleAsync(x => x.ExternalId == externalId);
            var rows = await db.AuditEntries.Where(e => e.Entity == nameof(Account) && e.EntityId == a.Id.ToString()).ToListAsync();
            return (a, rows);
        });
        Assert.Equal(420, account.BedCount);
        Assert.Equal($"/accounts/{account.Id}", response.Headers.Location!.OriginalString);
        Assert.All(audit, e => Assert.Equal(rep.Email, e.UserName));
        Assert.All(audit, e => Assert.Equal(AuditAction.Insert, e.Action));
        Assert.Contains(audit, e => e.Field == nameof(Account.Name) && e.NewValue == "Lakeside Regional Medical Center" && e.OldValue == null);
        Assert.Contains(audit, e => e.Field == nameof(Account.BedCount) && e.NewValue == "420");
    }

    [DbFact]
    public async Task An_owning_rep_who_cannot_see_the_account_is_refused_naming_the_field_and_a_colleague_or_the_regions_manager_is_accepted()
    {
        var (client, _, territory) = await SignedInRepAsync();
        var elsewhere = await app.CreateTerritoryAsync(territory.Region);
        var outsider = await app.CreateUserAsync(Roles.Rep, [elsewhere.Id]);
        var colleague = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var manager = await app.CreateUserAsync(Roles.Manager, region: territory.Region);
        var otherManager = await app.CreateUserAsync(Roles.Manager, region: $"R-{Guid.NewGuid():N}"[..12]);
        object Body(Guid owner) => new
        {
            ExternalId = $"ACC-{Guid.NewGuid():N}"[..20], Name = "Owner check", TerritoryId = territory.Id, OwnerRepId = owner, TimeZone = "America/Chicago",
        };

        var byOutsider = await client.PostAsJsonAsync("/api/accounts", Body(outsider.Id), Json.Options);
        var byOtherManager = await client.PostAsJsonAsync("/api/accounts", Body(otherManager.Id), Json.Options);
        var byColleague = await client.PostAsJsonAsync("/api/accounts", Body(colleague.Id), Json.Options);
        var byManager = await client.PostAsJsonAsync("/api/accounts", Body(manager.Id), Json.Options);
        var account = await client.GetFromJsonAsync<AccountDetails.Result>(byColleague.Headers.Location!.AbsolutePath, Json.Options);
        var edit = await client.PutAsJsonAsync($"/api/accounts/{account!.Id}", new
        {
            account.ExternalId, account.Name, TerritoryId = territory.Id, OwnerRepId = outsider.Id, TimeZone = "America/Chicago", account.Version,
        }, Json.Options);

        foreach (var refused in new[] { byOutsider, byOtherManager, edit })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["OwnerRepId"], (await refused.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        }

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (byColleague.StatusCode, byManager.StatusCode));
        Assert.Equal(colleague.Id, await app.WithDbAsync(async (db, _) => (await db.Accounts.SingleAsync(a => a.Id == account.Id)).OwnerRepId));
    }

    [DbFact]
    public async Task An_invalid_form_is_shown_again_with_the_message_next_to_the_field_and_nothing_is_stored()
    {
        var (client, _, territory) = await SignedInRepAsync();
        var externalId = $"ACC-{Guid.NewGuid():N}"[..20];

        var response = await AppFactory.PostFormAsync(client, "/accounts/new", "/accounts/new", new Dictionary<string, string?>
        {
            ["ExternalId"] = externalId, ["Name"] = "", ["BedCount"] = "-3", ["TerritoryId"] = territory.Id.ToString(), ["TimeZone"] = "Mars/Olympus",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("&#x27;Name&#x27; must not be empty.", html);
        Assert.Contains("Time zone must be an IANA time zone", html);
        Assert.Contains(externalId, html); // what was typed is kept
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Accounts.AnyAsync(a => a.ExternalId == externalId)));
    }

    [DbFact]
    public async Task The_API_answers_bad_input_with_problem_details_naming_each_field()
    {
        var (client, _, territory) = await SignedInRepAsync();

        var response = await client.PostAsJsonAsync("/api/accounts", new { ExternalId = "has spaces", Name = "", BedCount = 99999, TerritoryId = territory.Id, TimeZone = "America/Chicago" }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["BedCount", "ExternalId", "Name"], problem!.Errors.Keys.Order().ToArray());
    }

    [DbFact]
    public async Task The_second_of_two_conflicting_API_saves_gets_409_and_the_first_is_kept()
    {
        var (client, _, territory) = await SignedInRepAsync();
        var account = await app.CreateAccountAsync(territory.Id);
        var original = await client.GetFromJsonAsync<AccountDetails.Result>($"/api/accounts/{account.Id}", Json.Options);

        object Edit(string name) => new
        {
            original!.ExternalId, Name = name, original.Segment, original.BedCount, original.TerritoryId, original.Status,
            original.TimeZone, original.City, original.State, original.Version,
        };
        var first = await client.PutAsJsonAsync($"/api/accounts/{account.Id}", Edit("First Editor General"), Json.Options);
        var second = await client.PutAsJsonAsync($"/api/accounts/{account.Id}", Edit("Second Editor General"), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<Problem>(Json.Options);
        Assert.Contains("Someone else changed this record", problem!.Detail);
        var stored = await client.GetFromJsonAsync<AccountDetails.Result>($"/api/accounts/{account.Id}", Json.Options);
        Assert.Equal("First Editor General", stored!.Name);
        Assert.NotEqual(original!.Version, stored.Version);
    }

    [DbFact]
    public async Task The_second_of_two_conflicting_form_saves_shows_a_clear_message_and_overwrites_nothing()
    {
        var (client, _, territory) = await SignedInRepAsync();
        var account = await app.CreateAccountAsync(territory.Id);
        Dictionary<string, string?> Form(string name) => new()
        {
            ["Id"] = account.Id.ToString(), ["Version"] = account.Version.ToString(), ["ExternalId"] = account.ExternalId, ["Name"] = name,
            ["Segment"] = "Community", ["Status"] = "Customer", ["TerritoryId"] = territory.Id.ToString(), ["TimeZone"] = "America/Chicago",
        };

        var first = await AppFactory.PostFormAsync(client, $"/accounts/{account.Id}/edit", $"/accounts/{account.Id}/edit", Form("Saved First"));
        var second = await AppFactory.PostFormAsync(client, $"/accounts/{account.Id}/edit", $"/accounts/{account.Id}/edit", Form("Saved Second"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this record after you opened it", await second.Content.ReadAsStringAsync());
        Assert.Equal("Saved First", await app.WithDbAsync(async (db, _) => (await db.Accounts.FindAsync(account.Id))!.Name));
    }

    [DbFact]
    public async Task An_edit_writes_audit_rows_with_old_and_new_values_of_the_changed_fields_only()
    {
        var (client, rep, territory) = await SignedInRepAsync();
        var account = await app.CreateAccountAsync(territory.Id);
        var before = DateTime.UtcNow.AddSeconds(-5);

        var response = await AppFactory.PostFormAsync(client, $"/accounts/{account.Id}/edit", $"/accounts/{account.Id}/edit", new Dictionary<string, string?>
        {
            ["Id"] = account.Id.ToString(), ["Version"] = account.Version.ToString(), ["ExternalId"] = account.ExternalId, ["Name"] = account.Name,
            ["Segment"] = "Community", ["Status"] = "Customer", ["BedCount"] = "300", ["TerritoryId"] = territory.Id.ToString(),
            ["TimeZone"] = "America/Chicago", ["City"] = "Springfield", ["State"] = "IL",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var updates = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.EntityId == account.Id.ToString() && e.Action == AuditAction.Update).ToListAsync());
        Assert.Contains(updates, e => e.Field == nameof(Account.BedCount) && e.OldValue == "250" && e.NewValue == "300");
        Assert.DoesNotContain(updates, e => e.Field == nameof(Account.Name));
        Assert.All(updates, e => Assert.Equal(rep.Email, e.UserName));
        Assert.All(updates, e => Assert.InRange(e.At, before, DateTime.UtcNow.AddSeconds(5)));
    }
}

public sealed class AccountEditingTestsOnSqlite(SqliteAppFactory app) : AccountEditingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AccountEditingTestsOnPostgreSql(PostgreSqlAppFactory app) : AccountEditingTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Territories;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Admin;

/// <summary>Territories through the admin forms and API: listing, validation, concurrency and audit.</summary>
public abstract class TerritoryAdminTests(AppFactory app)
{
    private static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [DbFact]
    public async Task Creating_a_territory_through_the_form_lists_it_with_its_region_accounts_and_reps()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var name = UniqueName("North Lakes");
        var region = UniqueName("Midwest");

        var response = await AppFactory.PostFormAsync(client, "/admin/territories/new", "/admin/territories/new", new Dictionary<string, string?>
        {
            ["Name"] = name, ["Region"] = region,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/territories", response.Headers.Location!.OriginalString);
        var territory = await app.WithDbAsync(async (db, _) => await db.Territories.SingleAsync(t => t.Name == name));
        Assert.Equal(region, territory.Region);
        await app.CreateAccountAsync(territory.Id);
        await app.CreateAccountAsync(territory.Id);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);

        var list = await client.GetAsync($"/admin/territories?Region={Uri.EscapeDataString(region)}");
        var html = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"Territory {name} created.", html);
        Assert.Contains(name, html);
        Assert.Contains(rep.DisplayName, html);
        Assert.Contains("<td class=\"num\">2</td>", html);

        var page = await client.GetFromJsonAsync<ApiPage<TerritoryList.Row>>($"/api/territories?Region={Uri.EscapeDataString(region)}", Json.Options);
        var row = Assert.Single(page!.Items);
        Assert.Equal((name, region, 2), (row.Name, row.Region, row.AccountCount));
        Assert.Equal([rep.DisplayName], row.Reps);

        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.Entity == nameof(Territory) && e.EntityId == territory.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.Field == nameof(Territory.Name) && e.NewValue == name && e.Action == AuditAction.Insert);
        Assert.All(audit, e => Assert.Equal(admin.Email, e.UserName));
    }

    [DbFact]
    public async Task An_invalid_territory_form_is_shown_again_with_messages_next_to_the_fields()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var existing = await app.CreateTerritoryAsync();

        var empty = await AppFactory.PostFormAsync(client, "/admin/territories/new", "/admin/territories/new", new Dictionary<string, string?>
        {
            ["Name"] = "", ["Region"] = "",
        });
        var duplicate = await AppFactory.PostFormAsync(client, "/admin/territories/new", "/admin/territories/new", new Dictionary<string, string?>
        {
            ["Name"] = " " + existing.Name.ToUpperInvariant() + " ", ["Region"] = "Somewhere",
        });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("&#x27;Name&#x27; must not be empty.", html);
        Assert.Contains("&#x27;Region&#x27; must not be empty.", html);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var duplicateHtml = await duplicate.Content.ReadAsStringAsync();
        Assert.Contains("Name is already used by another territory.", duplicateHtml);
        Assert.Contains("value=\"Somewhere\"", duplicateHtml); // what was typed is kept
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Territories.CountAsync(t => t.Name.ToUpper() == existing.Name.ToUpper())));
    }

    [DbFact]
    public async Task The_territory_API_creates_reads_and_updates_and_names_invalid_fields()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var name = UniqueName("Gulf Coast");

        var invalid = await client.PostAsJsonAsync("/api/territories", new { Name = "", Region = new string('x', 101) }, Json.Options);
        var created = await client.PostAsJsonAsync("/api/territories", new { Name = name, Region = "South" }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
        var problem = await invalid.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Name", "Region"], problem!.Errors.Keys.Order().ToArray());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var territory = await client.GetFromJsonAsync<TerritoryDetails.Result>(created.Headers.Location, Json.Options);
        Assert.Equal((name, "South"), (territory!.Name, territory.Region));

        var duplicate = await client.PostAsJsonAsync("/api/territories", new { Name = name.ToLowerInvariant(), Region = "South" }, Json.Options);
        var update = await client.PutAsJsonAsync($"/api/territories/{territory.Id}", new { Name = name + " East", Region = "Southeast", territory.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("Name", (await duplicate.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        var stored = await client.GetFromJsonAsync<TerritoryDetails.Result>($"/api/territories/{territory.Id}", Json.Options);
        Assert.Equal((name + " East", "Southeast"), (stored!.Name, stored.Region));
        Assert.NotEqual(territory.Version, stored.Version);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/territories/{Guid.NewGuid()}")).StatusCode);
    }

    [DbFact]
    public async Task Simultaneous_creations_of_one_name_store_it_once_and_refuse_the_others_without_a_500()
    {
        // Found by the API fuzz: both requests found the name free, and the second insert met the unique index (500).
        var (client, _) = await app.SignedInAdminAsync();
        var name = UniqueName("Twin Peaks");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync("/api/territories", new { Name = name, Region = "West" }, Json.Options)));

        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.All(statuses.Where(s => s != 201), s => Assert.True(s is 400 or 409, $"answered {s}"));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Territories.CountAsync(t => t.Name == name)));
    }

    [DbFact]
    public async Task The_second_of_two_conflicting_territory_API_saves_gets_409_and_the_first_is_kept()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();

        var first = await client.PutAsJsonAsync($"/api/territories/{territory.Id}", new { Name = territory.Name + "-A", territory.Region, territory.Version }, Json.Options);
        var second = await client.PutAsJsonAsync($"/api/territories/{territory.Id}", new { Name = territory.Name + "-B", territory.Region, territory.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<Problem>(Json.Options);
        Assert.Contains("Someone else changed this record after you opened it", problem!.Detail);
        Assert.Equal(territory.Name + "-A", await app.WithDbAsync(async (db, _) => (await db.Territories.FindAsync(territory.Id))!.Name));
    }

    [DbFact]
    public async Task The_second_of_two_conflicting_territory_form_saves_shows_a_clear_message_and_overwrites_nothing()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();
        var edit = $"/admin/territories/{territory.Id}/edit";
        Dictionary<string, string?> Form(string name) => new()
        {
            ["Id"] = territory.Id.ToString(), ["Version"] = territory.Version.ToString(), ["Name"] = name, ["Region"] = territory.Region,
        };

        var page = await client.GetStringAsync(edit);
        var first = await AppFactory.PostFormAsync(client, edit, edit, Form(territory.Name + "-1"));
        var second = await AppFactory.PostFormAsync(client, edit, edit, Form(territory.Name + "-2"));

        Assert.Contains($"value=\"{territory.Version}\"", page);
        Assert.Contains($"/admin/audit?Entity=Territory&amp;EntityId={territory.Id}", page);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this record after you opened it", await second.Content.ReadAsStringAsync());
        Assert.Equal(territory.Name + "-1", await app.WithDbAsync(async (db, _) => (await db.Territories.FindAsync(territory.Id))!.Name));
        var rename = await app.WithDbAsync(async (db, _) => await db.AuditEntries.SingleAsync(e =>
            e.Entity == nameof(Territory) && e.EntityId == territory.Id.ToString() && e.Action == AuditAction.Update && e.Field == nameof(Territory.Name)));
        Assert.Equal((territory.Name, territory.Name + "-1", admin.Email), (rename.OldValue, rename.NewValue, rename.UserName));
    }
}

public sealed class TerritoryAdminTestsOnSqlite(SqliteAppFactory app) : TerritoryAdminTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TerritoryAdminTestsOnPostgreSql(PostgreSqlAppFactory app) : TerritoryAdminTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Audit;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Admin;

/// <summary>The audit log browser and API: changes made by admins appear, filters narrow them, nothing edits them.</summary>
public abstract class AuditLogTests(AppFactory app)
{
    /// <summary>An admin creates a territory and renames it through the API; returns its id and the names.</summary>
    private async Task<(HttpClient Client, ApplicationUser Admin, Guid Id, string Before, string After)> RenamedTerritoryAsync()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var before = $"Audit {Guid.NewGuid():N}"[..20];
        var created = await client.PostAsJsonAsync("/api/territories", new { Name = before, Region = "Audit Region" }, Json.Options);
        var id = (await created.Content.ReadFromJsonAsync<IdResponse>(Json.Options))!.Id;
        var version = await app.WithDbAsync(async (db, _) => (await db.Territories.FindAsync(id))!.Version);
        var after = before + " renamed";
        var renamed = await client.PutAsJsonAsync($"/api/territories/{id}", new { Name = after, Region = "Audit Region", Version = version }, Json.Options);
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        return (client, admin, id, before, after);
    }

    private sealed record IdResponse(Guid Id);

    [DbFact]
    public async Task Changes_appear_in_the_audit_API_newest_first_and_the_filters_narrow_them()
    {
        var (client, admin, id, before, after) = await RenamedTerritoryAsync();
        var record = $"/api/audit?Entity=Territory&EntityId={id}";

        var all = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>(record, Json.Options);
        var updates = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>(record + "&Action=Update", Json.Options);
        var names = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>(record + "&Field=Name", Json.Options);
        var byUser = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>($"{record}&UserName={Uri.EscapeDataString(admin.Email![..20].ToUpperInvariant())}", Json.Options);
        var someoneElse = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>(record + "&UserName=nobody-at-all", Json.Options);
        var future = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>($"{record}&From={DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ss}Z", Json.Options);
        var window = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>(
            $"{record}&From={DateTime.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ss}Z&To={DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ss}Z", Json.Options);
        var paged = await client.GetFromJsonAsync<ApiPage<AuditLog.Row>>(record + "&PageSize=1&Page=2", Json.Options);

        Assert.Contains(all!.Items, r => r.Action == AuditAction.Insert && r.Field == "Name" && r.NewValue == before && r.OldValue == null);
        Assert.Equal(all.Items.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), all.Items.Select(r => r.Id));
        Assert.Equal(AuditAction.Update, all.Items[0].Action);
        Assert.All(updates!.Items, r => Assert.Equal(AuditAction.Update, r.Action));
        var rename = Assert.Single(updates.Items, r => r.Field == "Name");
        Assert.Equal((before, after, admin.Email), (rename.OldValue, rename.NewValue, rename.UserName));
        Assert.Equal([AuditAction.Update, AuditAction.Insert], names!.Items.Select(r => r.Action));
        Assert.Equal(all.TotalCount, byUser!.TotalCount);
        Assert.Empty(someoneElse!.Items);
        Assert.Empty(future!.Items);
        Assert.Equal(all.TotalCount, window!.TotalCount);
        Assert.Equal((all.TotalCount, 1), (paged!.TotalCount, paged.Items.Count));
        Assert.Equal(all.Items[1].Id, paged.Items[0].Id);
    }

    [DbFact]
    public async Task The_audit_page_shows_who_changed_what_and_links_to_all_changes_of_the_record()
    {
        var (client, admin, id, before, after) = await RenamedTerritoryAsync();

        var filtered = await client.GetAsync($"/admin/audit?Entity=Territory&EntityId={id}&Action=Update&Field=Name");
        var html = await filtered.Content.ReadAsStringAsync();
        var everything = await client.GetStringAsync($"/admin/audit?UserName={Uri.EscapeDataString(admin.Email!)}");

        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Contains("1 change(s)", html);
        Assert.Contains($"<td>{before}</td>", html);
        Assert.Contains($"<td>{after}</td>", html);
        Assert.Contains($"<span title=\"{admin.Email}\">{admin.DisplayName}</span>", html); // the person by name, the login on hover
        Assert.DoesNotContain($"<td>{admin.Email}</td>", html);
        Assert.Contains($"href=\"/admin/audit?Entity=Territory&amp;EntityId={id}\"", html);
        Assert.Contains($"value=\"{id}\"", html); // the filter keeps what was asked
        Assert.Contains(before, everything);
        Assert.DoesNotContain("<td>Created</td>", html);
        Assert.Contains("<td>Changed</td>", html); // the action in words
    }

    [DbFact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_any_route()
    {
        var (client, _, id, _, _) = await RenamedTerritoryAsync();
        var entryId = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == id.ToString()).Select(e => e.Id).FirstAsync());
        var count = await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync());
        var body = JsonContent.Create(new { NewValue = "tampered" }, options: Json.Options);

        var attempts = new List<HttpResponseMessage>
        {
            await client.PutAsync("/api/audit", body),
            await client.DeleteAsync("/api/audit"),
            await client.PostAsync("/api/audit", body),
            await client.PatchAsync("/api/audit", body),
            await client.PutAsync($"/api/audit/{entryId}", body),
            await client.DeleteAsync($"/api/audit/{entryId}"),
            await AppFactory.PostWithSessionTokenAsync(client, "/admin/audit", "/admin/audit", new Dictionary<string, string?> { ["NewValue"] = "tampered" }),
            await AppFactory.PostWithSessionTokenAsync(client, "/admin/audit", $"/admin/audit/{entryId}/edit", new Dictionary<string, string?> { ["NewValue"] = "tampered" }),
            await AppFactory.PostWithSessionTokenAsync(client, "/admin/audit", $"/admin/audit/{entryId}/delete", new Dictionary<string, string?>()),
        };

        Assert.All(attempts, r => Assert.True(r.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
            $"{r.RequestMessage!.Method} {r.RequestMessage.RequestUri}: {(int)r.StatusCode}"));
        Assert.Equal(count, await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync()));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e => e.NewValue == "tampered")));
    }

    [DbFact]
    public async Task The_database_itself_refuses_raw_updates_and_deletes_of_audit_entries()
    {
        var (_, _, id, before, after) = await RenamedTerritoryAsync();
        var entryId = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == id.ToString()).Select(e => e.Id).FirstAsync());
        var count = await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync());

        // Raw statements, past the app's own refusal in the audit interceptor: only a trigger can stop them.
        var update = await Record.ExceptionAsync(() => app.WithDbAsync(async (db, _) =>
            await db.AuditEntries.Where(e => e.Id == entryId).ExecuteUpdateAsync(u => u.SetProperty(e => e.NewValue, "tampered"))));
        var delete = await Record.ExceptionAsync(() => app.WithDbAsync(async (db, _) =>
            await db.AuditEntries.Where(e => e.EntityId == id.ToString()).ExecuteDeleteAsync()));

        Assert.Contains("append-only", update?.Message ?? "no error");
        Assert.Contains("append-only", delete?.Message ?? "no error");
        Assert.Equal(count, await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync()));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e => e.NewValue == "tampered")));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e => e.EntityId == id.ToString() && e.NewValue == after)));
        Assert.NotEqual(before, after);
    }

    [DbFact]
    public async Task The_audit_API_answers_bad_paging_with_problem_details_naming_the_field()
    {
        var (client, _) = await app.SignedInAdminAsync();

        var response = await client.GetAsync("/api/audit?PageSize=0&Page=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Page", "PageSize"], problem!.Errors.Keys.Order().ToArray());
    }
}

public sealed class AuditLogTestsOnSqlite(SqliteAppFactory app) : AuditLogTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuditLogTestsOnPostgreSql(PostgreSqlAppFactory app) : AuditLogTests(app), IClassFixture<PostgreSqlAppFactory>;

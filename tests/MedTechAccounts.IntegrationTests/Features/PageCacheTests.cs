using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features;

/// <summary>
/// The page cache: a caller's copy of a read page is served again only while nothing has been written, only to
/// that caller, and never for a response that carries a form message or sets a cookie.
/// </summary>
public abstract class PageCacheTests(AppFactory app)
{
    private async Task<(Territory Territory, ApplicationUser Rep, Account Account)> WorldAsync()
    {
        var territory = await app.CreateTerritoryAsync($"R-{Guid.NewGuid():N}"[..12]);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var account = await app.CreateAccountAsync(territory.Id, $"Cache General {Guid.NewGuid():N}"[..24], rep.Id);
        return (territory, rep, account);
    }

    [DbFact]
    public async Task A_write_outside_any_request_ends_every_copy_at_once()
    {
        var (_, rep, account) = await WorldAsync();
        var client = await app.SignInAsync(rep);
        var pages = new[] { $"/accounts/{account.Id}", $"/api/accounts/{account.Id}", "/" };
        foreach (var page in pages)
        {
            Assert.Contains(account.Name, await client.GetStringAsync(page));
        }

        var renamed = $"Renamed General {Guid.NewGuid():N}"[..26];
        await app.WithDbAsync(async db =>
        {
            (await db.Accounts.SingleAsync(a => a.Id == account.Id)).Name = renamed;
            await db.SaveChangesAsync();
        });

        foreach (var page in pages)
        {
            var html = await client.GetStringAsync(page);
            Assert.Contains(renamed, html);
            Assert.DoesNotContain(account.Name, html);
        }
    }

    [DbFact]
    public async Task A_visit_logged_through_the_API_shows_on_the_next_timeline_and_account_page()
    {
        var (_, rep, account) = await WorldAsync();
        var client = await app.SignInAsync(rep);
        var timeline = $"/accounts/{account.Id}/timeline";
        await client.GetStringAsync(timeline); // the first page after signing in may carry the sign-in's form message
        var before = await client.GetStringAsync(timeline);
        Assert.Equal(before, await client.GetStringAsync(timeline));

        var notes = $"Asked about the reorder {Guid.NewGuid():N}";
        // The token comes from the kept timeline page: its forms' tokens are valid for this session.
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, timeline));
        var logged = await client.PostAsJsonAsync("/api/interactions", new
        {
            id = Guid.NewGuid(),
            accountId = account.Id,
            occurredAt = DateTime.UtcNow.AddHours(-1),
            type = "Visit",
            source = "Web",
            notes,
        });

        Assert.True(logged.IsSuccessStatusCode, await logged.Content.ReadAsStringAsync());
        Assert.Contains(notes, await client.GetStringAsync(timeline));
        Assert.Contains(notes, await client.GetStringAsync($"/api/interactions?accountId={account.Id}"));
    }

    [DbFact]
    public async Task Two_visit_forms_from_one_copy_carry_different_visit_ids_and_each_logs_its_own_visit()
    {
        var (_, rep, account) = await WorldAsync();
        var client = await app.SignInAsync(rep);
        var url = $"/accounts/{account.Id}/visits/new";
        await client.GetStringAsync(url);
        var first = await client.GetStringAsync(url);
        var second = await client.GetStringAsync(url);
        var firstId = InteractionWorld.FormId(first);
        var secondId = InteractionWorld.FormId(second);
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(first.Replace(firstId.ToString(), "ID"), second.Replace(secondId.ToString(), "ID")); // the same copy otherwise

        foreach (var (html, notes) in new[] { (first, "First visit of the day."), (second, "Second visit of the day.") })
        {
            var posted = await AppFactory.PostFormAsync(client, url, url, new Dictionary<string, string?>
            {
                ["Id"] = InteractionWorld.FormId(html).ToString(), ["Source"] = "Web", ["OccurredAt"] = InteractionWorld.FormOccurredAt(html),
                ["Type"] = "Visit", ["Notes"] = notes,
            });
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var stored = await app.WithDbAsync(async (db, _) => await db.Interactions.Where(i => i.AccountId == account.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal(new[] { firstId, secondId }.Order(), stored.Order());
    }

    [DbFact]
    public async Task A_copy_is_never_served_to_another_caller()
    {
        var (territory, rep, account) = await WorldAsync();
        var owner = await app.SignInAsync(rep);
        var outsider = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep, [(await app.CreateTerritoryAsync()).Id]));
        var colleague = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep, [territory.Id]));
        var page = $"/accounts/{account.Id}";
        var api = $"/api/accounts/{account.Id}";
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(api)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(api)).StatusCode);
        var anonymous = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(api)).StatusCode);

        // The colleague's page is computed for them: its forms carry tokens for their own session.
        var theirs = await colleague.GetStringAsync(page);
        Assert.DoesNotContain(rep.Email!, theirs);
        Assert.Contains(account.Name, theirs);
    }

    [DbFact]
    public async Task A_page_with_a_form_message_is_shown_once_and_not_kept()
    {
        var (_, rep, account) = await WorldAsync();
        var client = await app.SignInAsync(rep);
        var page = $"/accounts/{account.Id}";
        await client.GetStringAsync(page);
        var saved = await AppFactory.PostFormAsync(client, $"/accounts/{account.Id}/edit", $"/accounts/{account.Id}/edit", new Dictionary<string, string?>
        {
            ["Id"] = account.Id.ToString(), ["Version"] = account.Version.ToString(), ["ExternalId"] = account.ExternalId, ["Name"] = account.Name,
            ["Segment"] = "Community", ["Status"] = "Customer", ["TerritoryId"] = account.TerritoryId.ToString(),
            ["TimeZone"] = "America/Chicago", ["City"] = "Lyon",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var withMessage = await client.GetStringAsync(page);
        var after = await client.GetStringAsync(page);
        Assert.Contains("Lyon", withMessage);
        Assert.Contains($"Account {account.Name} saved.", withMessage);
        Assert.DoesNotContain($"Account {account.Name} saved.", after);
        Assert.Contains("Lyon", after);
    }
}

public sealed class PageCacheTestsOnSqlite(SqliteAppFactory app) : PageCacheTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PageCacheTestsOnPostgreSql(PostgreSqlAppFactory app) : PageCacheTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.IntegrationTests.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Offline;

/// <summary>
/// What the tablet's offline support needs from the server: a fresh antiforgery token for the
/// outbox, the installable app's files, the user tag on pages, and a sign-out that clears the cache.
/// </summary>
public abstract class OfflineTests(AppFactory app)
{
    private sealed record Session(string RequestToken, string HeaderName, Guid? UserId, string UserName);

    [DbFact]
    public async Task The_outbox_gets_a_fresh_token_for_the_signed_in_user_and_sends_a_visit_once_however_often_it_is_replayed()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);

        var answer = await client.GetAsync("/api/antiforgery");
        var session = await answer.Content.ReadFromJsonAsync<Session>(Json.Options);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("no-store", answer.Headers.CacheControl?.ToString());
        Assert.Equal(world.Rep.Id, session!.UserId);
        Assert.Equal(world.Rep.Email, session.UserName);
        Assert.Equal("RequestVerificationToken", session.HeaderName);

        var id = Guid.NewGuid();
        var body = world.ApiVisit(id);
        async Task<HttpStatusCode> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/interactions") { Content = JsonContent.Create(body, options: Json.Options) };
            request.Headers.Add(session.HeaderName, session.RequestToken);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await SendAsync());
        Assert.Equal(HttpStatusCode.OK, await SendAsync());
        Assert.Equal(HttpStatusCode.OK, await SendAsync());
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.Id == id)));
    }

    [DbFact]
    public async Task A_cookie_write_without_the_token_is_refused_with_the_antiforgery_problem_the_outbox_retries_on()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var id = Guid.NewGuid();

        var answer = await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id), Json.Options);
        var problem = await answer.Content.ReadFromJsonAsync<Problem>(Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        // js/outbox.js tells a stale token from a refused visit by this title.
        Assert.Equal("Antiforgery token missing or invalid", problem!.Title);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.Id == id)));
    }

    [DbFact]
    public async Task Without_a_session_the_token_endpoint_answers_401_not_a_sign_in_page()
    {
        var client = app.CreateBrowser();

        var answer = await client.GetAsync("/api/antiforgery");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("\"/api/antiforgery\"", await client.GetStringAsync("/api/openapi/v1.json"));
    }

    [DbFact]
    public async Task Pages_carry_the_manifest_and_their_user_and_the_outbox_page_is_there()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);

        var home = await client.GetStringAsync("/");
        var outbox = await client.GetStringAsync("/outbox");
        var login = await app.CreateBrowser().GetStringAsync("/account/login");

        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" />", home);
        Assert.Contains($"<meta name=\"medtech-user\" content=\"{world.Rep.Id}\"", home);
        Assert.Contains("id=\"outbox-badge\" aria-live=\"polite\"", home);
        Assert.Contains("/js/offline.js", home);
        Assert.Contains("id=\"outbox-list\"", outbox);
        Assert.Contains("/js/outbox-page.js", outbox);
        Assert.DoesNotContain("medtech-user", login);
    }

    [DbFact]
    public async Task The_manifest_service_worker_icons_and_offline_page_are_served_from_the_root()
    {
        var client = app.CreateBrowser();

        var manifest = await client.GetAsync("/manifest.webmanifest");
        var worker = await client.GetAsync("/sw.js");
        var offline = await client.GetAsync("/offline.html");
        var icon = await client.GetAsync("/img/icons/icon-192.png");

        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal("/", json.RootElement.GetProperty("start_url").GetString());
        Assert.Equal("standalone", json.RootElement.GetProperty("display").GetString());
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Contains("javascript", worker.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        Assert.DoesNotContain("medtech-user", await offline.Content.ReadAsStringAsync());
        Assert.Equal("image/png", icon.Content.Headers.ContentType?.MediaType);
    }

    [DbFact]
    public async Task Sign_out_clears_the_browsers_cache_but_not_its_storage_where_the_outbox_lives()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);

        var answer = await AppFactory.PostFormAsync(client, "/", "/account/logout", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("\"cache\"", string.Join(",", answer.Headers.GetValues("Clear-Site-Data")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/antiforgery")).StatusCode);
    }
}

public sealed class OfflineTestsOnSqlite(SqliteAppFactory app) : OfflineTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OfflineTestsOnPostgreSql(PostgreSqlAppFactory app) : OfflineTests(app), IClassFixture<PostgreSqlAppFactory>;

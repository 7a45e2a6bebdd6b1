using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace MedTechAccounts.IntegrationTests.Features.SignIn;

/// <summary>The OpenID Connect server: discovery, client credentials, authorization code with PKCE, refresh tokens.</summary>
public abstract class TokenTests(AppFactory app)
{
    private const string RedirectUri = "https://localhost/tablet/callback";

    [DbFact]
    public async Task The_discovery_document_offers_only_S256_PKCE_and_the_three_flows()
    {
        using var doc = JsonDocument.Parse(await app.CreateBrowser().GetStringAsync("/.well-known/openid-configuration"));
        var root = doc.RootElement;

        Assert.Equal("https://localhost/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()!).ToList());
        var grants = root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Contains("refresh_token", grants);
    }

    [DbFact]
    public async Task The_integration_client_gets_a_token_with_its_secret_and_reads_every_account()
    {
        var account = await app.CreateAccountAsync((await app.CreateTerritoryAsync()).Id);
        var client = app.CreateBrowser();

        var token = await TokenAsync(client, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "integration", ["client_secret"] = AppFactory.IntegrationSecret, ["scope"] = "api",
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());

        var response = await client.GetAsync($"/api/accounts/{account.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var wrongSecret = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "integration", ["client_secret"] = "guess",
        }));
        Assert.False(wrongSecret.IsSuccessStatusCode);
    }

    [DbFact]
    public async Task Userinfo_refuses_the_integration_clients_token_which_names_no_user()
    {
        var client = app.CreateBrowser();
        var token = await TokenAsync(client, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "integration", ["client_secret"] = AppFactory.IntegrationSecret, ["scope"] = "api",
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());

        var response = await client.GetAsync("/connect/userinfo");

        Assert.InRange((int)response.StatusCode, 401, 403);
    }

    [DbFact]
    public async Task The_tablet_gets_tokens_by_authorization_code_with_PKCE_and_they_carry_the_reps_scope()
    {
        var mine = await app.CreateTerritoryAsync();
        var own = await app.CreateAccountAsync(mine.Id);
        var foreign = await app.CreateAccountAsync((await app.CreateTerritoryAsync()).Id);
        var rep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var browser = await app.SignInAsync(rep);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

        var code = await AuthorizeAsync(browser, Challenge(verifier), "S256");
        var token = await TokenAsync(app.CreateBrowser(), CodeExchange(code, verifier));

        var api = app.CreateBrowser();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/accounts/{own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/accounts/{foreign.Id}")).StatusCode);
        Assert.True(token.TryGetProperty("refresh_token", out _));

        // Bearer writes need no antiforgery token.
        var created = await api.PostAsJsonAsync("/api/contacts", new { AccountId = own.Id, ExternalId = $"CON-{Guid.NewGuid():N}"[..20], Name = "Pat Biomed", Role = "Biomed" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [DbFact]
    public async Task An_authorization_code_is_single_use_and_needs_the_right_verifier()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = await app.SignInAsync(rep);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

        var code = await AuthorizeAsync(browser, Challenge(verifier), "S256");
        var wrongVerifier = await app.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(CodeExchange(code, Base64Url(RandomNumberGenerator.GetBytes(32)))));
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);

        var code2 = await AuthorizeAsync(browser, Challenge(verifier), "S256");
        var first = await app.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(CodeExchange(code2, verifier)));
        var replay = await app.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(CodeExchange(code2, verifier)));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [DbFact]
    public async Task The_plain_PKCE_method_and_a_missing_challenge_are_refused()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = await app.SignInAsync(rep);

        var plain = await browser.GetAsync(AuthorizeUrl("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq", "plain"));
        var none = await browser.GetAsync(AuthorizeUrl(null, null));

        Assert.DoesNotContain("code=", plain.Headers.Location?.Query ?? "");
        Assert.DoesNotContain("code=", none.Headers.Location?.Query ?? "");
    }

    [DbFact]
    public async Task A_refresh_token_gives_new_tokens_once_and_a_revoked_access_token_is_refused()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = await app.SignInAsync(rep);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = await TokenAsync(app.CreateBrowser(), CodeExchange(await AuthorizeAsync(browser, Challenge(verifier), "S256"), verifier));
        var refresh = token.GetProperty("refresh_token").GetString()!;

        Dictionary<string, string> Refresh() => new() { ["grant_type"] = "refresh_token", ["client_id"] = "tablet", ["refresh_token"] = refresh };
        var renewed = await TokenAsync(app.CreateBrowser(), Refresh());
        Assert.NotEqual(token.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
        var reused = await app.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(Refresh()));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);

        var access = renewed.GetProperty("access_token").GetString()!;
        var revoke = await app.CreateBrowser().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "tablet", ["token"] = access, ["token_type_hint"] = "access_token",
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var api = app.CreateBrowser();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/accounts")).StatusCode);
    }

    private static string AuthorizeUrl(string? challenge, string? method)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = "tablet", ["response_type"] = "code", ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid offline_access api profile", ["state"] = "s-123",
            ["code_challenge"] = challenge, ["code_challenge_method"] = method,
        };
        return QueryHelpers.AddQueryString("/connect/authorize", query.Where(q => q.Value is not null).ToDictionary());
    }

    private static async Task<string> AuthorizeAsync(HttpClient browser, string challenge, string method)
    {
        var response = await browser.GetAsync(AuthorizeUrl(challenge, method));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("s-123", query["state"].ToString());
        return query["code"].ToString();
    }

    private static Dictionary<string, string> CodeExchange(string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code", ["client_id"] = "tablet", ["code"] = code,
        ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
    };

    private static async Task<JsonElement> TokenAsync(HttpClient client, Dictionary<string, string> form)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class TokenTestsOnSqlite(SqliteAppFactory app) : TokenTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TokenTestsOnPostgreSql(PostgreSqlAppFactory app) : TokenTests(app), IClassFixture<PostgreSqlAppFactory>;

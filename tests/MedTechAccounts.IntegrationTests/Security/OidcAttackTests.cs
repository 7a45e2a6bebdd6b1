using System.Net;
using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>
/// What an attacker tries against the real OpenID Connect endpoints beyond the flows' own tests (TokenTests): replayed
/// codes and refresh tokens, tokens used for what they are not, redirect URIs that are almost the registered one, and
/// a Host or X-Forwarded-Host header that would choose the addresses the app announces.
/// </summary>
public abstract class OidcAttackTests(AppFactory app)
{
    [DbFact]
    public async Task A_replayed_authorization_code_revokes_the_tokens_already_issued_from_it()
    {
        var browser = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep));
        var verifier = Oidc.NewVerifier();
        var (code, _) = await Oidc.TryAuthorizeAsync(browser, verifier);
        var first = await Oidc.ExchangeAsync(app, Oidc.CodeExchange(code!, verifier));
        var tokens = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.Clone();
        var bearer = Oidc.Bearer(app, Oidc.Access(tokens));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);

        var replay = await Oidc.ExchangeAsync(app, Oidc.CodeExchange(code!, verifier));

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)))).StatusCode);
    }

    [DbFact]
    public async Task A_reused_refresh_token_revokes_every_token_of_its_family()
    {
        var tokens = await Oidc.TokensAsync(app, await app.SignInAsync(await app.CreateUserAsync(Roles.Rep)));
        var renewed = JsonDocument.Parse(await (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)))).Content.ReadAsStringAsync()).RootElement.Clone();
        var bearer = Oidc.Bearer(app, Oidc.Access(renewed));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);

        var reuse = await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)));

        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Oidc.Bearer(app, Oidc.Access(tokens)).GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(renewed)))).StatusCode);
    }

    [DbFact]
    public async Task An_id_token_or_a_refresh_token_is_not_accepted_as_a_bearer_access_token()
    {
        var tokens = await Oidc.TokensAsync(app, await app.SignInAsync(await app.CreateUserAsync(Roles.Rep)));

        foreach (var name in new[] { "id_token", "refresh_token" })
        {
            var response = await Oidc.Bearer(app, tokens.GetProperty(name).GetString()!).GetAsync("/api/accounts");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} as a bearer token: {(int)response.StatusCode}");
        }
    }

    [DbFact]
    public async Task A_token_for_another_resource_or_audience_is_not_issued()
    {
        var browser = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep));
        foreach (var (parameter, value) in new[] { ("resource", "https://evil.example/api"), ("audience", "evil-api") })
        {
            var clientCredentials = await Oidc.ExchangeAsync(app, new()
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "integration", ["client_secret"] = AppFactory.IntegrationSecret,
                ["scope"] = "api", [parameter] = value,
            });
            Assert.True(clientCredentials.StatusCode == HttpStatusCode.BadRequest, $"{parameter}={value}: {(int)clientCredentials.StatusCode}");

            var verifier = Oidc.NewVerifier();
            var (code, _) = await Oidc.TryAuthorizeAsync(browser, verifier);
            var exchange = Oidc.CodeExchange(code!, verifier);
            exchange[parameter] = value;
            Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, exchange)).StatusCode);
        }
    }

    /// <summary>Each differs from the registered https://localhost/tablet/callback in one way a lax comparison would let through.</summary>
    private static readonly string[] RedirectVariants =
    [
        "https://evil.example/tablet/callback",
        "https://localhost:8443/tablet/callback",
        "https://localhost/tablet/callback/evil",
        "https://localhost/tablet/callback?next=https://evil.example/",
        "https://localhost/tablet/callback#fragment",
        "http://localhost/tablet/callback",
        "https://localhost/Tablet/Callback",
        "https://localhost/tablet/callbac",
        "https://localhost@evil.example/tablet/callback",
        "https://localhost.evil.example/tablet/callback",
        "//evil.example/tablet/callback",
        "/tablet/callback",
    ];

    [DbFact]
    public async Task A_redirect_uri_that_is_not_exactly_the_registered_one_gets_no_code_and_no_redirect()
    {
        var browser = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep));
        var failures = new List<string>();
        foreach (var variant in RedirectVariants)
        {
            var url = Oidc.AuthorizeUrl(Oidc.Challenge(Oidc.NewVerifier())).Replace(Uri.EscapeDataString(Oidc.RedirectUri), Uri.EscapeDataString(variant), StringComparison.Ordinal);
            var response = await browser.GetAsync(url);
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode != HttpStatusCode.BadRequest || location.Length > 0)
            {
                failures.Add($"{variant}: {(int)response.StatusCode} {location}");
            }
        }

        // A code issued for the registered URI is not redeemed for another one.
        var verifier = Oidc.NewVerifier();
        var (code, _) = await Oidc.TryAuthorizeAsync(browser, verifier);
        var exchange = Oidc.CodeExchange(code!, verifier);
        exchange["redirect_uri"] = "https://localhost/tablet/callback/evil";
        var redeemed = await Oidc.ExchangeAsync(app, exchange);

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(HttpStatusCode.BadRequest, redeemed.StatusCode);
    }

    [DbFact]
    public async Task Signing_out_never_redirects_to_an_unregistered_address()
    {
        var browser = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep));
        foreach (var target in new[] { "https://evil.example/", "https://localhost/tablet/callback/evil", "//evil.example/" })
        {
            var query = QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?> { ["post_logout_redirect_uri"] = target, ["state"] = "x" });
            var ask = await browser.GetAsync(query);
            Assert.True(ask.StatusCode == HttpStatusCode.BadRequest, $"{target}: the end-session request was accepted ({(int)ask.StatusCode})");

            var confirmed = await AppFactory.PostWithSessionTokenAsync(browser, "/", query, new Dictionary<string, string?> { ["post_logout_redirect_uri"] = target });
            Assert.DoesNotContain("evil", confirmed.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.BadRequest, confirmed.StatusCode);
        }

        // The session was never ended by the refused requests.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task A_client_cannot_choose_the_host_the_app_announces_through_Host_or_X_Forwarded_Host()
    {
        var browser = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep));
        var anonymous = app.CreateBrowser();
        string[] pages = ["/.well-known/openid-configuration", "/account/login", "/accounts", Oidc.AuthorizeUrl(Oidc.Challenge(Oidc.NewVerifier())), "/connect/endsession"];
        foreach (var client in new[] { anonymous, browser })
        {
            foreach (var page in pages)
            {
                var withHost = new HttpRequestMessage(HttpMethod.Get, page);
                withHost.Headers.Host = "evil.example";
                Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(withHost)).StatusCode);

                var forwarded = new HttpRequestMessage(HttpMethod.Get, page);
                forwarded.Headers.Add("X-Forwarded-Host", "evil.example");
                forwarded.Headers.Add("X-Forwarded-Proto", "http");
                forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
                var response = await client.SendAsync(forwarded);
                var everything = string.Join('\n', response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value)) + await response.Content.ReadAsStringAsync();
                Assert.False(everything.Contains("evil.example", StringComparison.OrdinalIgnoreCase),
                    $"{page} ({(int)response.StatusCode}) follows X-Forwarded-*: {everything[..Math.Min(everything.Length, 300)]}");
                if (page.StartsWith("/.well-known", StringComparison.Ordinal))
                {
                    using var discovery = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    Assert.Equal("https://localhost/", discovery.RootElement.GetProperty("issuer").GetString());
                    Assert.Equal("https://localhost/connect/token", discovery.RootElement.GetProperty("token_endpoint").GetString());
                }
            }
        }
    }
}

public sealed class OidcAttackTestsOnSqlite(SqliteAppFactory app) : OidcAttackTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OidcAttackTestsOnPostgreSql(PostgreSqlAppFactory app) : OidcAttackTests(app), IClassFixture<PostgreSqlAppFactory>;

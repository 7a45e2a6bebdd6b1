using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Users;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.SignIn;

/// <summary>
/// Tokens end with the session they came from: at sign-out, deactivation and any change of the
/// second factor, and a token minted without the second factor never serves a user who needs it.
/// </summary>
public abstract class TokenLifetimeTests(AppFactory app)
{
    [DbFact]
    public async Task An_executive_signed_in_with_the_password_alone_gets_no_token_until_the_code_is_used()
    {
        var executive = await app.CreateUserAsync(Roles.Executive);
        var attacker = await app.SignInAsync(executive);
        var owner = await app.SignInAsync(executive);

        var (code, response) = await Oidc.TryAuthorizeAsync(attacker, Oidc.NewVerifier());
        Assert.Null(code);
        Assert.StartsWith("/account/authenticator", response.Headers.Location!.OriginalString);

        // The owner enrols: that session has proved the factor and gets tokens that work; the other
        // password-only session ends and still gets no code.
        await EnrolAsync(owner, executive);
        var tokens = await Oidc.TokensAsync(app, owner);
        Assert.Equal(HttpStatusCode.OK, (await Oidc.Bearer(app, Oidc.Access(tokens)).GetAsync("/api/accounts")).StatusCode);
        Assert.Null((await Oidc.TryAuthorizeAsync(attacker, Oidc.NewVerifier())).Code);
    }

    [DbFact]
    public async Task Tokens_minted_before_the_second_factor_is_turned_on_stop_working_when_it_is()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = await app.SignInAsync(rep);
        var tokens = await Oidc.TokensAsync(app, browser);
        var bearer = Oidc.Bearer(app, Oidc.Access(tokens));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);

        await EnrolAsync(browser, rep);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)))).StatusCode);
    }

    [DbFact]
    public async Task Signing_out_ends_the_reps_access_and_refresh_tokens()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = await app.SignInAsync(rep);
        var tokens = await Oidc.TokensAsync(app, browser);
        var bearer = Oidc.Bearer(app, Oidc.Access(tokens));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);

        var logout = await AppFactory.PostFormAsync(browser, "/accounts", "/account/logout", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)))).StatusCode);
    }

    [DbFact]
    public async Task Deactivating_a_rep_refuses_their_access_token_and_their_cookie_at_the_next_request()
    {
        var (admin, _) = await app.SignedInAdminAsync();
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = await app.SignInAsync(rep);
        var tokens = await Oidc.TokensAsync(app, browser);
        var bearer = Oidc.Bearer(app, Oidc.Access(tokens));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/accounts")).StatusCode);
        var read = await admin.GetFromJsonAsync<UserDetails.Result>($"/api/users/{rep.Id}", Json.Options);

        var deactivated = await admin.PutAsJsonAsync($"/api/users/{rep.Id}", new
        {
            read!.DisplayName, Role = Roles.Rep, IsActive = false, read.ConcurrencyStamp,
        }, Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)))).StatusCode);
        var page = await browser.GetAsync("/accounts");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
    }

    [DbFact]
    public async Task A_changed_role_holds_from_the_users_next_request_on_the_cookie_they_have()
    {
        var (admin, _) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync($"R-{Guid.NewGuid():N}"[..12]);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var browser = await app.SignInAsync(rep);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/accounts")).StatusCode);
        Assert.Equal("/account/denied", (await browser.GetAsync("/dashboards/manager")).Headers.Location?.AbsolutePath);
        var read = await admin.GetFromJsonAsync<UserDetails.Result>($"/api/users/{rep.Id}", Json.Options);

        var promoted = await admin.PutAsJsonAsync($"/api/users/{rep.Id}", new
        {
            read!.DisplayName, Role = Roles.Manager, read.IsActive, read.ConcurrencyStamp, territory.Region,
        }, Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboards/manager")).StatusCode);

        read = await admin.GetFromJsonAsync<UserDetails.Result>($"/api/users/{rep.Id}", Json.Options);
        var demoted = await admin.PutAsJsonAsync($"/api/users/{rep.Id}", new
        {
            read!.DisplayName, Role = Roles.Rep, read.IsActive, read.ConcurrencyStamp,
        }, Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        Assert.Equal("/account/denied", (await browser.GetAsync("/dashboards/manager")).Headers.Location?.AbsolutePath);
    }

    [DbFact]
    public async Task Resetting_an_executives_second_factor_ends_the_tokens_minted_with_it()
    {
        var (admin, _) = await app.SignedInAdminAsync();
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);
        var tokens = await Oidc.TokensAsync(app, await app.SignInWithCodeAsync(executive));
        var bearer = Oidc.Bearer(app, Oidc.Access(tokens));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);

        var reset = await AppFactory.PostFormAsync(admin, $"/admin/users/{executive.Id}/edit", $"/admin/users/{executive.Id}/reset-two-factor", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Oidc.ExchangeAsync(app, Oidc.Refresh(Oidc.RefreshToken(tokens)))).StatusCode);
    }

    /// <summary>Sets up an authenticator in the signed-in <paramref name="browser"/> as the set-up page asks.</summary>
    private async Task EnrolAsync(HttpClient browser, ApplicationUser user)
    {
        var page = await browser.GetStringAsync("/account/authenticator");
        if (!page.Contains("data-testid=\"shared-key\"", StringComparison.Ordinal))
        {
            var created = await AppFactory.PostFormAsync(browser, "/account/authenticator", "/account/authenticator/key", new Dictionary<string, string?>());
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var enrolled = await AppFactory.PostFormAsync(browser, "/account/authenticator", "/account/authenticator", new Dictionary<string, string?>
        {
            ["Code"] = Totp.Code(await app.AuthenticatorKeyAsync(user), DateTimeOffset.UtcNow),
        });
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
    }
}

public sealed class TokenLifetimeTestsOnSqlite(SqliteAppFactory app) : TokenLifetimeTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TokenLifetimeTestsOnPostgreSql(PostgreSqlAppFactory app) : TokenLifetimeTests(app), IClassFixture<PostgreSqlAppFactory>;

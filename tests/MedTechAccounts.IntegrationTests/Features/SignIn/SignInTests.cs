using System.Net;
using System.Text.RegularExpressions;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.SignIn;

public abstract class SignInTests(AppFactory app)
{
    [DbFact]
    public async Task A_rep_signs_in_with_the_form_and_reaches_the_accounts_page()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = await app.SignInAsync(rep);

        var response = await client.GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(rep.Email!, await response.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Pages_need_a_signed_in_user()
    {
        var response = await app.CreateBrowser().GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowser().GetAsync("/api/accounts")).StatusCode);
    }

    [DbFact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await AppFactory.PostLoginAsync(client, rep.Email!, "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await AppFactory.PostLoginAsync(client, rep.Email!, AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Signing_out_invalidates_the_session_on_the_server_so_a_replayed_cookie_is_refused()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = await app.SignInAsync(rep);
        var cookie = string.Join("; ", (await client.GetAsync("/accounts")).RequestMessage!.Headers.GetValues("Cookie"));

        var logout = await AppFactory.PostFormAsync(client, "/accounts", "/account/logout", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replay = app.CreateBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/accounts");
        request.Headers.Add("Cookie", cookie);
        var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [DbFact]
    public async Task An_admin_without_an_authenticator_must_set_one_up_before_using_any_page()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = await app.SignInAsync(admin);

        var response = await client.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/authenticator", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/accounts")).StatusCode);
    }

    [DbFact]
    public async Task An_admin_with_an_authenticator_signs_in_with_password_and_code()
    {
        var admin = await app.CreateUserAsync(Roles.Admin, twoFactor: true);
        var key = await app.AuthenticatorKeyAsync(admin);
        var client = app.CreateBrowser();

        var password = await AppFactory.PostLoginAsync(client, admin.Email!, AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/two-factor", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/accounts")).StatusCode); // not signed in yet

        var wrong = await AppFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor", new Dictionary<string, string?> { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var code = await AppFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor", new Dictionary<string, string?>
        {
            ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow),
        });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);
    }

    [DbFact]
    public async Task An_authenticator_code_opens_one_session_and_is_refused_when_replayed()
    {
        var admin = await app.CreateUserAsync(Roles.Admin, twoFactor: true);
        var code = Totp.Code(await app.AuthenticatorKeyAsync(admin), DateTimeOffset.UtcNow);
        var first = app.CreateBrowser();
        var second = app.CreateBrowser();
        await AppFactory.PostLoginAsync(first, admin.Email!, AppFactory.Password);
        await AppFactory.PostLoginAsync(second, admin.Email!, AppFactory.Password);
        var fields = new Dictionary<string, string?> { ["Code"] = code };

        var accepted = await AppFactory.PostFormAsync(first, "/account/two-factor", "/account/two-factor", fields);
        var replayed = await AppFactory.PostFormAsync(second, "/account/two-factor", "/account/two-factor", fields);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("The code is not right", await replayed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/accounts")).StatusCode);
    }

    [DbFact]
    public async Task Opening_the_authenticator_page_changes_nothing_until_a_key_is_asked_for()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = await app.SignInAsync(rep);
        var stamp = await StampAsync(rep);

        var page = await client.GetAsync("/account/authenticator");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("shared-key", await page.Content.ReadAsStringAsync());
        Assert.Equal(stamp, await StampAsync(rep));
        Assert.Null(await app.WithDbAsync(async (_, sp) => await sp.GetRequiredService<UserManager<ApplicationUser>>().GetAuthenticatorKeyAsync(rep)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);

        var created = await AppFactory.PostFormAsync(client, "/account/authenticator", "/account/authenticator/key", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("data-testid=\"shared-key\"", await client.GetStringAsync("/account/authenticator"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode); // the session survived its own key
    }

    [DbFact]
    public async Task The_authenticator_set_up_shows_a_QR_code_of_its_otpauth_URI_beside_the_typed_key()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = await app.SignInAsync(rep);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostFormAsync(client, "/account/authenticator", "/account/authenticator/key", new Dictionary<string, string?>())).StatusCode);

        var response = await client.GetAsync("/account/authenticator");
        var page = await response.Content.ReadAsStringAsync();

        var key = Regex.Match(page, "data-testid=\"shared-key\">([^<]+)<").Groups[1].Value;
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);
        var uri = WebUtility.HtmlDecode(Regex.Match(page, "href=\"(otpauth://[^\"]+)\"").Groups[1].Value);
        Assert.StartsWith("otpauth://totp/", uri);
        Assert.Contains("secret=" + key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), uri);
        var img = Regex.Match(page, "<img src=\"(data:image/png;base64,[^\"]+)\" data-testid=\"authenticator-qr\"");
        Assert.True(img.Success, "no QR image on the set-up page");
        var src = WebUtility.HtmlDecode(img.Groups[1].Value);
        Assert.Equal(QrCodeImage.PngDataUri(uri), src); // the picture is of this very URI
        var png = Convert.FromBase64String(src["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("img-src 'self' data:", response.Headers.GetValues("Content-Security-Policy").Single()); // the data: image is allowed, nothing else loosened
        Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [DbFact]
    public async Task An_empty_authenticator_code_shows_the_set_up_page_again_with_its_error()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = await app.SignInAsync(rep);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostFormAsync(client, "/account/authenticator", "/account/authenticator/key", new Dictionary<string, string?>())).StatusCode);

        var empty = await AppFactory.PostFormAsync(client, "/account/authenticator", "/account/authenticator", new Dictionary<string, string?> { ["Code"] = "" });

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var page = await empty.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"shared-key\"", page);
        Assert.Contains("The Authenticator code field is required.", page);
    }

    [DbFact]
    public async Task Opening_the_end_session_endpoint_asks_before_signing_out()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var client = await app.SignInAsync(rep);

        var ask = await client.GetAsync("/connect/endsession");

        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);
        var withoutToken = await client.PostAsync("/connect/endsession", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);

        var confirmed = await AppFactory.PostFormAsync(client, "/connect/endsession", "/connect/endsession", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await client.GetAsync("/accounts");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
    }

    private Task<string?> StampAsync(ApplicationUser user) => app.WithDbAsync(async (db, _) =>
        await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync());

    [DbFact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await app.CreateBrowser().GetAsync("/account/login");

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [DbFact]
    public async Task A_cookie_authenticated_API_write_without_an_antiforgery_token_is_refused()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var client = await app.SignInAsync(rep);

        var response = await client.PostAsync("/api/accounts", new StringContent(
            $$"""{"externalId":"CSRF-{{Guid.NewGuid():N}}","name":"Forged","territoryId":"{{territory.Id}}","timeZone":"America/Chicago"}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Antiforgery", await response.Content.ReadAsStringAsync());
    }
}

public sealed class SignInTestsOnSqlite(SqliteAppFactory app) : SignInTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SignInTestsOnPostgreSql(PostgreSqlAppFactory app) : SignInTests(app), IClassFixture<PostgreSqlAppFactory>;

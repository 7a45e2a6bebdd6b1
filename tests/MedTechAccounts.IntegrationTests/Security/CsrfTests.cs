using System.Net;
using System.Text;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>
/// Every POST, PUT, PATCH and DELETE route the app serves (read from its endpoint data source), sent by a signed-in
/// administrator's browser session — who may call every one of them — with no antiforgery token, with another user's
/// valid token, with the token of the administrator's own earlier, signed-out session, and cross-site (another site's
/// Origin or Referer, with a valid token). Each is refused before it reaches the action, and nothing is written.
/// </summary>
public abstract class CsrfTests(AppFactory app, ITestOutputHelper output)
{
    /// <summary>
    /// The only unsafe routes that take no antiforgery token, and why. Everything else needs one when the caller is
    /// authenticated by the cookie; /api calls authenticated by a bearer token need none (a page of another site cannot
    /// attach a bearer token, which the browser never sends by itself).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Exempt = new Dictionary<string, string>
    {
        ["POST /connect/token"] = "the client authenticates itself (PKCE verifier, client secret or refresh token); no cookie is read",
        ["POST /connect/authorize"] = "OpenID Connect request: a code is only ever sent to a registered redirect URI and is useless without the PKCE verifier",
        ["POST /connect/userinfo"] = "bearer-token only, and it reads",
    };

    [DbFact]
    public async Task Every_unsafe_route_refuses_a_missing_foreign_stale_or_cross_site_token_and_changes_nothing()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (world, rep) = await MatrixWorld.CreateSideAAsync(app);
        var repBrowser = await app.SignInAsync(rep);
        var otherUsersToken = await AppFactory.AntiforgeryTokenAsync(repBrowser, "/");
        var bearer = Oidc.Bearer(app, Oidc.Access(await Oidc.TokensAsync(app, repBrowser)));
        var admin = await app.CreateUserAsync(Roles.Admin, twoFactor: true);
        var (browser, staleToken, ownToken) = await SignedInAgainAfterSigningOutAsync(admin);

        var routes = AuthorizationMatrixTests.Routes(app).Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE").ToList();
        var unexempted = Exempt.Keys.Where(key => !routes.Any(r => $"{r.Method} {r.Template}" == key)).ToList();
        Assert.True(unexempted.Count == 0, $"Exempt routes the app no longer serves: {string.Join(", ", unexempted)}.");
        var guarded = routes.Where(r => !Exempt.ContainsKey($"{r.Method} {r.Template}")).ToList();
        Assert.Contains(guarded, r => r.Template.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Contains(guarded, r => !r.Template.StartsWith("/api/", StringComparison.Ordinal));

        var before = await AuditCountAsync();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var attacks = guarded.SelectMany(route => new (string Attack, string? Token, string? Origin)[]
        {
            ("no token", null, null), ("another user's token", otherUsersToken, null), ("a signed-out session's token", staleToken, null),
            ("a valid token from another site's page", ownToken, "https://evil.example"),
        }.Select(a => (Route: route, a.Attack, a.Token, a.Origin))).ToList();
        // Every one is refused before its action, so their order does not matter.
        await Parallel.ForEachAsync(attacks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (a, cancel) =>
        {
            using var request = Request(a.Route.Method, AuthorizationMatrixTests.Fill(a.Route, MatrixWorld.A, world), a.Token, a.Origin);
            using var response = await browser.SendAsync(request, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            if (!(a.Origin is null ? IsAntiforgeryRefusal(response, body) : IsCrossSiteRefusal(response, body)))
            {
                failures.Add($"{a.Route.Method} {a.Route.Template} with {a.Attack} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 160)]}");
            }
        });
        var requests = attacks.Count;

        // Bearer calls carry no cookie, so they need no token: none of them meets the antiforgery refusal.
        foreach (var route in guarded.Where(r => r.Template.StartsWith("/api/", StringComparison.Ordinal)))
        {
            requests++;
            using var response = await bearer.SendAsync(Request(route.Method, AuthorizationMatrixTests.Fill(route, MatrixWorld.A, world), token: null, origin: null));
            if (IsAntiforgeryRefusal(response, await response.Content.ReadAsStringAsync()))
            {
                failures.Add($"{route.Method} {route.Template} with a bearer token asked for an antiforgery token.");
            }
        }

        output.WriteLine($"{guarded.Count} guarded route-methods, {Exempt.Count} exempt, {requests} requests in {clock.Elapsed.TotalSeconds:F1} s on {app.Provider}.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // A page of another site that names itself only in the Referer is refused too.
        using (var referred = Request("POST", "/accounts/new", ownToken, origin: null))
        {
            referred.Headers.Referrer = new Uri("https://evil.example/page");
            using var response = await browser.SendAsync(referred);
            Assert.True(IsCrossSiteRefusal(response, await response.Content.ReadAsStringAsync()), $"Referer of another site: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await AuditCountAsync());
        // The session is intact: the refused sign-out routes did not end it.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        // The same session's own token from this site's page is accepted.
        using var accepted = await browser.SendAsync(Request("POST", "/api/contacts", ownToken, "https://localhost",
            $$"""{"accountId":"{{world.Records[("accounts", MatrixWorld.A)]}}","externalId":"CSRF-{{Guid.NewGuid():N}}","name":"Pat Biomed","role":"Biomed"}"""));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [DbFact]
    public async Task The_session_and_antiforgery_cookies_are_same_site_strict_secure_and_http_only()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        var browser = app.CreateBrowser();
        var login = await browser.GetAsync("/account/login");
        var signIn = await AppFactory.PostLoginAsync(browser, rep.Email!, AppFactory.Password);

        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        foreach (var name in new[] { "medtech.antiforgery=", "medtech.auth=" })
        {
            var cookie = cookies.First(c => c.StartsWith(name, StringComparison.Ordinal));
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Signs <paramref name="admin"/> in, reads a token, signs out and signs in again in the same browser (the next
    /// authenticator step, since a code works once): the browser, the earlier session's token and the new session's.
    /// </summary>
    private async Task<(HttpClient Browser, string StaleToken, string OwnToken)> SignedInAgainAfterSigningOutAsync(ApplicationUser admin)
    {
        var browser = await app.SignInWithCodeAsync(admin);
        // Each request below says itself which token it carries.
        browser.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var stale = await AppFactory.AntiforgeryTokenAsync(browser, "/");
        var signOut = await AppFactory.PostWithSessionTokenAsync(browser, "/", "/account/logout", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var password = await AppFactory.PostLoginAsync(browser, admin.Email!, AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var code = await AppFactory.PostFormAsync(browser, "/account/two-factor", "/account/two-factor", new Dictionary<string, string?>
        {
            ["Code"] = Totp.Code(await app.AuthenticatorKeyAsync(admin), DateTimeOffset.UtcNow.AddSeconds(30)),
        });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        return (browser, stale, await AppFactory.AntiforgeryTokenAsync(browser, "/"));
    }

    /// <summary>A write as a browser would send it: a form (or JSON for /api) with the token in the field and the header.</summary>
    private static HttpRequestMessage Request(string method, string path, string? token, string? origin, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            request.Content = new StringContent(json ?? "{}", Encoding.UTF8, "application/json");
        }
        else
        {
            request.Content = new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }

        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private static bool IsAntiforgeryRefusal(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.BadRequest
        && (body.Contains("Antiforgery token missing or invalid", StringComparison.Ordinal) || body.Contains(AntiforgeryRefusalFilter.Heading, StringComparison.Ordinal));

    private static bool IsCrossSiteRefusal(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.Forbidden && body.Contains(CrossSiteRequests.RefusalTitle, StringComparison.Ordinal);

    private Task<int> AuditCountAsync() => app.WithDbAsync((db, _) => db.AuditEntries.CountAsync());
}

public sealed class CsrfTestsOnSqlite(SqliteAppFactory app, ITestOutputHelper output) : CsrfTests(app, output), IClassFixture<SqliteAppFactory>;

public sealed class CsrfTestsOnPostgreSql(PostgreSqlAppFactory app, ITestOutputHelper output) : CsrfTests(app, output), IClassFixture<PostgreSqlAppFactory>;

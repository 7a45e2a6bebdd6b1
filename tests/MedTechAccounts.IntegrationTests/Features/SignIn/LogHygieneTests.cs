using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.SignIn;

/// <summary>
/// What the logs hold: sign-in successes and failures and authorization refusals, with the time, the user and the
/// address; and never a password, a typed e-mail that matches no account, a token or a note, whatever happened.
/// </summary>
public abstract class LogHygieneTests(AppFactory app)
{
    [DbFact]
    public async Task Sign_ins_and_refusals_are_logged_with_user_and_address_and_no_secret_or_note_reaches_the_log()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var wrongPassword = $"Sentinel-Password-{marker}";
        var unknownEmail = $"sentinel-{marker}@nowhere.example";
        var notes = $"Sentinel note {marker}: pump alarms after the update.";
        var world = await InteractionWorld.CreateAsync(app);

        var refused = await AppFactory.PostLoginAsync(app.CreateBrowser(), world.Rep.Email!, wrongPassword);
        var unknown = await AppFactory.PostLoginAsync(app.CreateBrowser(), unknownEmail, wrongPassword);
        var browser = await app.SignInAsync(world.Rep);
        var forbidden = await browser.GetAsync("/admin/users");
        var tokens = await Oidc.TokensAsync(app, browser);
        var bearer = Oidc.Bearer(app, Oidc.Access(tokens));
        var visit = await bearer.PostAsJsonAsync("/api/interactions", world.ApiVisit(Guid.NewGuid(), notes: notes), Json.Options);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/accounts")).StatusCode);
        await AppFactory.PostFormAsync(browser, "/accounts", "/account/logout", new Dictionary<string, string?>());
        var revoked = await bearer.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the form again, with the generic message
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        Assert.Contains("/account/denied", forbidden.Headers.Location?.OriginalString); // the MVC answer to a 403
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

        var log = app.Logs.Entries.Select(e => e.Text).ToList();
        var secrets = new[] { wrongPassword, AppFactory.Password, unknownEmail, marker, Oidc.Access(tokens), Oidc.RefreshToken(tokens), AppFactory.IntegrationSecret };
        Assert.All(secrets, secret => Assert.DoesNotContain(log, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)));

        var id = world.Rep.Id.ToString();
        Assert.Contains(log, l => l.StartsWith("Sign-in refused", StringComparison.Ordinal) && l.Contains(id) && l.Contains("wrong password") && l.Contains("from "));
        Assert.Contains(log, l => l.StartsWith("Sign-in refused", StringComparison.Ordinal) && l.Contains("(unknown e-mail)"));
        Assert.Contains(log, l => l.StartsWith("Sign-in succeeded", StringComparison.Ordinal) && l.Contains(id) && l.Contains(world.Rep.Email!));
        Assert.Contains(log, l => l.StartsWith("Authorization refused", StringComparison.Ordinal) && l.Contains("403") && l.Contains("/admin/users") && l.Contains(id));
        Assert.Contains(log, l => l.StartsWith("Authorization refused", StringComparison.Ordinal) && l.Contains("401") && l.Contains("/api/accounts"));
    }
}

public sealed class LogHygieneTestsOnSqlite(SqliteAppFactory app) : LogHygieneTests(app), IClassFixture<SqliteAppFactory>;

public sealed class LogHygieneTestsOnPostgreSql(PostgreSqlAppFactory app) : LogHygieneTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Admin;

/// <summary>Signs people in the way they must: administrators (and executives) with password, then an authenticator code.</summary>
public static class AdminClient
{
    /// <summary>A new administrator with an authenticator, signed in with password and code; the client carries the API antiforgery header.</summary>
    public static async Task<(HttpClient Client, ApplicationUser Admin)> SignedInAdminAsync(this AppFactory app)
    {
        var admin = await app.CreateUserAsync(Roles.Admin, twoFactor: true);
        var client = await app.SignInWithCodeAsync(admin);
        return (client, admin);
    }

    /// <summary>Password, then the current TOTP code computed from the user's key, as an authenticator app would.</summary>
    public static async Task<HttpClient> SignInWithCodeAsync(this AppFactory app, ApplicationUser user)
    {
        var key = await app.AuthenticatorKeyAsync(user);
        var client = app.CreateBrowser();
        var password = await AppFactory.PostLoginAsync(client, user.Email!, AppFactory.Password);
        if (password.StatusCode != HttpStatusCode.Redirect || !password.Headers.Location!.OriginalString.StartsWith("/account/two-factor", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Password step for {user.Email} did not ask for a code: {(int)password.StatusCode}.");
        }

        var code = await AppFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor", new Dictionary<string, string?>
        {
            ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow),
        });
        if (code.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Code step for {user.Email} failed: {(int)code.StatusCode}.");
        }

        await AddApiTokenAsync(client);
        return client;
    }

    /// <summary>Cookie-authenticated API writes need the antiforgery token as a header.</summary>
    public static async Task AddApiTokenAsync(HttpClient client)
    {
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/"));
    }
}

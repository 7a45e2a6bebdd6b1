using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

/// <summary>The tablet's side of the OpenID Connect flows, against the app's real endpoints.</summary>
public static class Oidc
{
    public const string RedirectUri = "https://localhost/tablet/callback";

    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string AuthorizeUrl(string challenge) => QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = "tablet", ["response_type"] = "code", ["redirect_uri"] = RedirectUri,
        ["scope"] = "openid offline_access api profile", ["state"] = "s-123",
        ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
    });

    /// <summary>Runs the authorization request in <paramref name="browser"/> (signed in) and returns the code, or null with the response when none was issued.</summary>
    public static async Task<(string? Code, HttpResponseMessage Response)> TryAuthorizeAsync(HttpClient browser, string verifier)
    {
        var response = await browser.GetAsync(AuthorizeUrl(Challenge(verifier)));
        var location = response.Headers.Location;
        if (response.StatusCode != HttpStatusCode.Redirect || location is null || !location.ToString().StartsWith(RedirectUri, StringComparison.Ordinal))
        {
            return (null, response);
        }

        var code = QueryHelpers.ParseQuery(location.Query).GetValueOrDefault("code").ToString();
        return (string.IsNullOrEmpty(code) ? null : code, response);
    }

    /// <summary>Authorization code with PKCE for the signed-in <paramref name="browser"/>: the token response (access and refresh token).</summary>
    public static async Task<JsonElement> TokensAsync(AppFactory app, HttpClient browser)
    {
        var verifier = NewVerifier();
        var (code, response) = await TryAuthorizeAsync(browser, verifier);
        if (code is null)
        {
            throw new InvalidOperationException($"No authorization code: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var exchange = await ExchangeAsync(app, CodeExchange(code, verifier));
        var body = await exchange.Content.ReadAsStringAsync();
        return exchange.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"Code exchange failed: {(int)exchange.StatusCode} {body}");
    }

    public static Dictionary<string, string> CodeExchange(string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code", ["client_id"] = "tablet", ["code"] = code,
        ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
    };

    public static Dictionary<string, string> Refresh(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token", ["client_id"] = "tablet", ["refresh_token"] = refreshToken,
    };

    public static Task<HttpResponseMessage> ExchangeAsync(AppFactory app, Dictionary<string, string> form) =>
        app.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(form));

    /// <summary>A client that sends <paramref name="accessToken"/> as its bearer token and no cookie.</summary>
    public static HttpClient Bearer(AppFactory app, string accessToken)
    {
        app.Logs.NeverLog(accessToken);
        var api = app.CreateBrowser();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return api;
    }

    public static string Access(JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    public static string RefreshToken(JsonElement tokens) => tokens.GetProperty("refresh_token").GetString()!;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

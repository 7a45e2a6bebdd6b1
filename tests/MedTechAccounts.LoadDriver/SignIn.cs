using System.Net;
using System.Text.RegularExpressions;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.LoadDriver;

/// <summary>
/// Signs a user in through the real pages, as a browser would: the login form, then the second factor where
/// the role needs it (enrolling an authenticator on the first sign-in and keeping its key in a file, so the
/// next run can answer the two-factor page).
/// </summary>
public static partial class SignIn
{
    public static HttpClient NewClient(Uri baseAddress, CookieContainer cookies) => new(new HttpClientHandler
    {
        CookieContainer = cookies,
        AllowAutoRedirect = false,
        // The load script's server runs on loopback with a certificate it made itself.
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        MaxConnectionsPerServer = 256,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<CookieContainer> AsAsync(Uri baseAddress, string email, string password, string? totpKeyFile)
    {
        // The session cookie of a role with many claims is longer than the container's 4 KB default.
        var cookies = new CookieContainer { MaxCookieSize = 64 * 1024 };
        using var http = NewClient(baseAddress, cookies);

        var login = await PostFormAsync(http, "/account/login", new() { ["Email"] = email, ["Password"] = password });
        var next = login.Headers.Location?.OriginalString ?? "";
        if (login.StatusCode != HttpStatusCode.Redirect || next.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)login.StatusCode} (wrong password, a locked account, or the rate limit).");
        }

        if (next.Contains("/account/two-factor", StringComparison.OrdinalIgnoreCase))
        {
            var key = totpKeyFile is not null && File.Exists(totpKeyFile)
                ? (await File.ReadAllTextAsync(totpKeyFile)).Trim()
                : throw new InvalidOperationException($"{email} asks for a second factor and no authenticator key file was given or found.");
            var answered = await PostFormAsync(http, "/account/two-factor", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
            if (answered.StatusCode != HttpStatusCode.Redirect || answered.Headers.Location?.OriginalString.Contains("/account/", StringComparison.OrdinalIgnoreCase) == true)
            {
                throw new InvalidOperationException($"The second factor of {email} was refused ({(int)answered.StatusCode}).");
            }
        }

        // A role that needs a second factor and has none yet is sent to enrol before any page.
        using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
        if (home.StatusCode == HttpStatusCode.Redirect
            && home.Headers.Location?.OriginalString.Contains("/account/authenticator", StringComparison.OrdinalIgnoreCase) == true)
        {
            await EnrolAsync(http, email, totpKeyFile);
            // Enrolling renews the user's security stamp, which ends this session: sign in afresh with the key, in
            // the next 30-second step, because a code is accepted once.
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 == step)
            {
                await Task.Delay(500);
            }

            return await AsAsync(baseAddress, email, password, totpKeyFile);
        }

        return cookies;
    }

    /// <summary>The Cookie header a tool such as wrk sends for this session.</summary>
    public static string CookieHeader(CookieContainer cookies, Uri baseAddress) =>
        string.Join("; ", cookies.GetCookies(baseAddress).Select(c => $"{c.Name}={c.Value}"));

    /// <summary>The antiforgery request token of a page with a form; its cookie lands in the client's container.</summary>
    public static async Task<string> FormTokenAsync(HttpClient http, string path)
    {
        var page = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = TokenPattern().Match(page);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    private static async Task EnrolAsync(HttpClient http, string email, string? totpKeyFile)
    {
        if (totpKeyFile is null)
        {
            throw new InvalidOperationException($"{email} must enrol an authenticator: give a key file to keep its key in.");
        }

        var page = await http.GetStringAsync(new Uri("/account/authenticator", UriKind.Relative));
        if (!SharedKeyPattern().IsMatch(page))
        {
            // The page only shows: a key is made by its own POST.
            using var made = await PostFormAsync(http, "/account/authenticator", new(), "/account/authenticator/key");
            page = await http.GetStringAsync(new Uri("/account/authenticator", UriKind.Relative));
        }

        var key = SharedKeyPattern().Match(page) is { Success: true } m
            ? m.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()
            : throw new InvalidOperationException("The authenticator page shows no key.");
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        using var enrolled = await http.PostAsync(new Uri("/account/authenticator", UriKind.Relative), form);
        if (enrolled.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Enrolling the authenticator of {email} failed ({(int)enrolled.StatusCode}).");
        }

        await File.WriteAllTextAsync(totpKeyFile, key);
    }

    /// <summary>Posts to <paramref name="action"/> (by default the page itself) with the token of the form on <paramref name="path"/>.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, Dictionary<string, string> fields, string? action = null)
    {
        fields["__RequestVerificationToken"] = await FormTokenAsync(http, path);
        using var form = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(action ?? path, UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-testid=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKeyPattern();
}

using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Site;

/// <summary>
/// A rep's tablet is often offline (design section 2) and the Content-Security-Policy allows
/// 'self' only: every script, style sheet, font and image comes from the app, none from a CDN,
/// and all of them load.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalAssetsTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Every_request_of_the_rep_pages_goes_to_the_app_itself_and_succeeds()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        // Ends on the list, whose "New account" button draws an icon: the icon font is fetched only
        // when a glyph is drawn.
        foreach (var path in new[] { "/", $"/accounts/{account.Id}", $"/accounts/{account.Id}/edit", "/accounts/new", "/accounts" })
        {
            // Navigation waits for the load event: every script, style sheet and image of the page.
            await page.GotoAsync(path);
        }

        await Expect(page.Locator("i.bi:visible").First).ToBeVisibleAsync();
        Assert.Equal("loaded", await page.EvaluateAsync<string>("async () => { await document.fonts.ready; return document.fonts.status; }"));

        Assert.True(session.ForeignRequests.Count == 0,
            $"Requests left {session.Origin}: {string.Join(", ", session.ForeignRequests)}");
        Assert.True(session.BrokenRequests.Count == 0,
            $"Assets that did not load: {string.Join(", ", session.BrokenRequests)}");

        // The front-end packages are served by the app (copied into wwwroot/lib at build time).
        var paths = session.Requests.Select(url => new Uri(url).AbsolutePath).ToList();
        Assert.Contains(paths, p => p.EndsWith("/lib/bootstrap/css/bootstrap.min.css", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("/lib/bootstrap/js/bootstrap.bundle.min.js", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("/lib/bootstrap-icons/font/fonts/bootstrap-icons.woff", StringComparison.Ordinal));

        // Bootstrap's styles are applied (a missing wwwroot/lib gives an unstyled page that still "loads").
        var buttonRadius = await page.Locator(".btn-primary").First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopLeftRadius");
        Assert.NotEqual("0px", buttonRadius);
    }
}

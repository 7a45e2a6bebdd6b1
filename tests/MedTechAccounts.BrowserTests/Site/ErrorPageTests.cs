using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Site;

/// <summary>The error page a person meets when a form post is refused says what happened (design section 10: no internals, but the right status).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorPageTests(BrowserFixture browser)
{
    /// <summary>
    /// A form whose antiforgery token no longer matches (a shared tablet where someone else signed
    /// in meanwhile) is refused with 400. The account form has a field named Status, as many forms do;
    /// the page must still say 400 and why, not claim an unexpected error was logged.
    /// </summary>
    [ChromiumFact]
    public async Task A_refused_account_form_shows_the_bad_request_page()
    {
        var territory = await browser.App.CreateTerritoryAsync();
        var rep = await browser.App.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await browser.App.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}/edit");
        await page.Locator("form[action$='/edit'] input[name=__RequestVerificationToken]").EvaluateAsync("e => e.value = 'no-longer-valid'");

        var answer = await Forms.SubmitAsync(page, "Save");

        Assert.Equal(400, answer.Status);
        // A refused token says what most likely happened rather than only "Bad request".
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Form expired or not sent from this site");
        await Expect(page.Locator("main")).ToContainTextAsync("Error 400.");
        await session.ScreenshotAsync(page, "error-bad-request");
    }
}

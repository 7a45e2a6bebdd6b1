using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.SignIn;

/// <summary>Sign-in in the browser: the password form and, for administrators, the authenticator code (design section 10).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task A_wrong_password_keeps_the_rep_on_the_login_page_with_a_message()
    {
        var territory = await browser.App.CreateTerritoryAsync();
        var rep = await browser.App.CreateUserAsync(Roles.Rep, territory.Id);

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.NewPageAsync();
        await page.GotoAsync("/accounts");
        // Not signed in: sent to the login page, which remembers where the rep was going.
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Faccounts$", RegexOptions.IgnoreCase));

        await page.GetByLabel("E-mail").FillAsync(rep.Email!);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail or password is not right.");
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync(rep.Email!);
        await session.ScreenshotAsync(page, "sign-in-wrong-password");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The login page with an error");
        await PageChecks.AssertTouchTargetsAsync(page, "The login page with an error");
    }

    [ChromiumFact]
    public async Task An_administrator_signs_in_with_an_authenticator_code_and_gets_the_admin_menu()
    {
        var admin = await browser.App.CreateUserAsync(Roles.Admin);
        var key = await browser.App.EnableAuthenticatorAsync(admin);

        await using var session = await browser.NewSessionAsync(BrowserFixture.Landscape);
        var page = await session.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(admin.Email!);
        await page.GetByLabel("Password").FillAsync(BrowserAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your authenticator code" })).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "sign-in-two-factor");
        await PageChecks.AssertAccessibleAsync(page, "The two-factor page");
        await PageChecks.AssertTouchTargetsAsync(page, "The two-factor page");

        await page.GetByLabel("Authenticator code").FillAsync(await Totp.UnusedCodeAsync(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        // Waits for the page's load event too: the menu below needs Bootstrap's script.
        await page.WaitForURLAsync(new Regex("^[^?]*/$"));

        // Signed in with both factors: the administration menu is there and its items are touch targets.
        await Accounts.BrowseAccountsTests.OpenMenuIfCollapsedAsync(page);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Admin" });
        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        var items = page.Locator("ul[aria-labelledby='admin-menu']");
        foreach (var item in new[] { "Territories", "Users", "Audit log" })
        {
            await Expect(items.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        }

        await session.ScreenshotAsync(page, "admin-menu");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The home page with the admin menu open");
        await PageChecks.AssertTouchTargetsAsync(page, "The home page with the admin menu open");
    }
}

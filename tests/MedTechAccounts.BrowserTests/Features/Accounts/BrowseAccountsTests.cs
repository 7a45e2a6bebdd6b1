using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Accounts;

/// <summary>A field rep on a tablet (design section 2): the accounts list, then one account.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowseAccountsTests(BrowserFixture browser)
{
    [ChromiumTheory]
    [InlineData(768, 1024)]
    [InlineData(1024, 768)]
    public async Task A_rep_on_a_tablet_sees_only_their_territory_and_opens_an_account_that_fits_the_screen(int width, int height)
    {
        var app = browser.App;
        var mine = await app.CreateTerritoryAsync();
        var other = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, mine.Id);
        var tag = BrowserAppFactory.Unique();
        var mercy = await app.CreateAccountAsync(mine.Id, $"Mercy General {tag}");
        var stLuke = await app.CreateAccountAsync(mine.Id, $"St. Luke's Medical Center {tag}");
        var elsewhere = await app.CreateAccountAsync(other.Id, $"Elsewhere Regional {tag}");

        await using var session = await browser.NewSessionAsync(new() { Width = width, Height = height });
        var page = await session.SignInAsync(rep.Email!);

        // To the list through the menu, as a person would: below 1200 px it sits behind the menu button.
        await OpenMenuIfCollapsedAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/accounts$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Level = 1 })).ToBeVisibleAsync();

        await Expect(page.Locator("table tbody tr td:first-child > a")).ToHaveTextAsync([mercy.Name, stLuke.Name]);
        await Expect(page.GetByText(elsewhere.Name)).ToHaveCountAsync(0);
        await session.ScreenshotAsync(page, "rep-accounts-list");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The accounts list");
        await PageChecks.AssertTouchTargetsAsync(page, "The accounts list");

        await page.GetByRole(AriaRole.Link, new() { Name = stLuke.Name, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{stLuke.Id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = stLuke.Name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText($"{stLuke.ExternalId} · Community · Customer")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "rep-account-details");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The account page");
        await PageChecks.AssertTouchTargetsAsync(page, "The account page");

        // With the menu open, its links and the sign-out button are touch targets too.
        if (await OpenMenuIfCollapsedAsync(page))
        {
            await session.ScreenshotAsync(page, "rep-account-details-menu");
            await PageChecks.AssertNoHorizontalScrollingAsync(page, "The account page with the menu open");
            await PageChecks.AssertTouchTargetsAsync(page, "The account page with the menu open");
        }
    }

    /// <summary>Opens the collapsed navigation menu and waits until it has expanded; false when the menu is not collapsed.</summary>
    internal static async Task<bool> OpenMenuIfCollapsedAsync(IPage page)
    {
        // The menu button works once Bootstrap's script has run.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var toggler = page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the menu" });
        if (!await toggler.IsVisibleAsync())
        {
            return false;
        }

        await toggler.ClickAsync();
        await Expect(toggler).ToHaveAttributeAsync("aria-expanded", "true");
        // Bootstrap swaps .collapsing for .show when the animation ends.
        await Expect(page.Locator("#main-nav")).ToHaveClassAsync(new Regex(@"(^|\s)show(\s|$)"));
        return true;
    }
}

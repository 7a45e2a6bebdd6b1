using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Site;

/// <summary>
/// axe-core on the pages a rep uses most. Serious and critical violations fail the test and are
/// listed with their elements; minor and moderate ones are left to review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [ChromiumTheory]
    [InlineData(768, 1024)]
    [InlineData(1024, 768)]
    public async Task The_login_page_the_accounts_list_and_an_account_have_no_serious_accessibility_violations(int width, int height)
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");
        await app.CreateAccountAsync(territory.Id, $"St. Luke's {BrowserAppFactory.Unique()}");

        await using var session = await browser.NewSessionAsync(new() { Width = width, Height = height });
        var anonymous = await session.NewPageAsync();
        await anonymous.GotoAsync("/account/login");
        await Expect(anonymous.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var failures = new List<string>();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(anonymous, "The login page"));

        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync("/accounts");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = account.Name })).ToBeVisibleAsync();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The accounts list"));

        await page.GotoAsync($"/accounts/{account.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = account.Name, Level = 1 })).ToBeVisibleAsync();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The account page"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ChromiumFact]
    public async Task The_account_forms_have_no_serious_accessibility_violations_with_or_without_errors()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        var failures = new List<string>();

        await page.GotoAsync($"/accounts/{account.Id}/edit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit account" })).ToBeVisibleAsync();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The edit form"));

        await page.GotoAsync("/accounts/new");
        var answer = await Forms.SubmitAsync(page, "Create account");
        await Forms.AssertAnsweredAsync(page, answer, 400, "The empty new-account form", heading: "New account");
        await Expect(page.Locator(".invalid-feedback:visible").First).ToBeVisibleAsync();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The new-account form with errors"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Runs every page's check before failing, so one run reports all pages.</summary>
    private static async Task CollectAsync(List<string> failures, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Xunit.Sdk.XunitException failure)
        {
            failures.Add(failure.Message);
        }
    }
}

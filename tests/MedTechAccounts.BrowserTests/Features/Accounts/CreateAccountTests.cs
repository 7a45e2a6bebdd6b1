using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Accounts;

/// <summary>The new-account form: what a rep sees when a field is wrong (design section 7, "bad input gets a clear message").</summary>
[Collection(BrowserCollection.Name)]
public sealed class CreateAccountTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Submitting_a_new_account_without_a_name_shows_the_message_next_to_the_name_field()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var (page, externalId) = await SubmitWithoutNameAsync(session);

        var name = page.GetByLabel("Name", new() { Exact = true });
        await Expect(name).ToHaveClassAsync(new Regex(@"(^|\s)is-invalid(\s|$)"));
        var message = page.Locator("#Name + .invalid-feedback");
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToContainTextAsync("Name");
        await Expect(message).ToContainTextAsync("empty");

        // "Next to": directly under the field, in the same column.
        var field = await name.BoundingBoxAsync();
        var text = await message.BoundingBoxAsync();
        Assert.NotNull(field);
        Assert.NotNull(text);
        Assert.InRange(text.Y - (field.Y + field.Height), 0, 16);
        Assert.InRange(Math.Abs(text.X - field.X), 0, 2);

        // Only the empty field is flagged, and what was typed is kept.
        await Expect(page.Locator(".is-invalid")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("External id (ERP)")).ToHaveValueAsync(externalId);
        await session.ScreenshotAsync(page, "create-account-name-missing");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The new-account form with an error");
        await PageChecks.AssertTouchTargetsAsync(page, "The new-account form with an error");

        var created = await browser.App.WithDbAsync((db, _) => db.Accounts.AnyAsync(a => a.ExternalId == externalId));
        Assert.False(created, "The refused form must not create the account.");
    }

    /// <summary>
    /// A screen reader announces a field's error only when the field points to it
    /// (aria-describedby) and says it is invalid (aria-invalid): WCAG 1.3.1 and 3.3.1.
    /// </summary>
    [ChromiumFact]
    public async Task The_name_error_is_announced_with_the_name_field()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var (page, _) = await SubmitWithoutNameAsync(session);

        var name = page.GetByLabel("Name", new() { Exact = true });
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("Name.*empty", RegexOptions.IgnoreCase));
    }

    private async Task<(IPage Page, string ExternalId)> SubmitWithoutNameAsync(BrowserSession session)
    {
        var territory = await browser.App.CreateTerritoryAsync();
        var rep = await browser.App.CreateUserAsync(Roles.Rep, territory.Id);
        var externalId = $"NEW-{BrowserAppFactory.Unique()}";

        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync("/accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "New account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New account" })).ToBeVisibleAsync();

        await page.GetByLabel("External id (ERP)").FillAsync(externalId);
        await page.GetByLabel("Territory").SelectOptionAsync(territory.Id.ToString());
        await page.GetByLabel("Beds").FillAsync("120");
        var answer = await Forms.SubmitAsync(page, "Create account");
        await Forms.AssertAnsweredAsync(page, answer, 400, "The new-account form without a name", heading: "New account");
        await Expect(page).ToHaveURLAsync(new Regex("/accounts/new$"));
        return (page, externalId);
    }
}

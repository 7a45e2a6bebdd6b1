using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Accounts;

/// <summary>The edit form, and two people editing the same account (design section 7).</summary>
[Collection(BrowserCollection.Name)]
public sealed class EditAccountTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Saving_the_edit_form_shows_the_status_message_and_the_new_values()
    {
        var (territory, account) = await AccountInNewTerritoryAsync();
        var rep = await browser.App.CreateUserAsync(Roles.Rep, territory.Id);
        var newName = $"Mercy Heart Institute {BrowserAppFactory.Unique()}";

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit account" })).ToBeVisibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(newName);
        await page.GetByLabel("Beds").FillAsync("320");
        await session.ScreenshotAsync(page, "edit-account-form");
        var answer = await Forms.SubmitAsync(page, "Save");
        await Forms.AssertAnsweredAsync(page, answer, 302, "Saving the edit form");

        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Account {newName} saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = newName, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("320 beds")).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "edit-account-saved");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The account page with its status message");
        await PageChecks.AssertTouchTargetsAsync(page, "The account page with its status message");
    }

    [ChromiumFact]
    public async Task A_second_editor_who_opened_the_form_earlier_is_refused_and_the_first_save_stays()
    {
        var (territory, account) = await AccountInNewTerritoryAsync();
        var first = await browser.App.CreateUserAsync(Roles.Rep, territory.Id);
        var second = await browser.App.CreateUserAsync(Roles.Rep, territory.Id);
        var firstName = $"First Save Hospital {BrowserAppFactory.Unique()}";
        var secondName = $"Second Save Hospital {BrowserAppFactory.Unique()}";

        // The second rep opens the form first and leaves it open on their tablet.
        await using var late = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var latePage = await late.SignInAsync(second.Email!);
        await latePage.GotoAsync($"/accounts/{account.Id}/edit");
        await Expect(latePage.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(account.Name);

        // Meanwhile the first rep edits and saves.
        await using var early = await browser.NewSessionAsync(BrowserFixture.Landscape);
        var earlyPage = await early.SignInAsync(first.Email!);
        await earlyPage.GotoAsync($"/accounts/{account.Id}/edit");
        await earlyPage.GetByLabel("Name", new() { Exact = true }).FillAsync(firstName);
        var firstAnswer = await Forms.SubmitAsync(earlyPage, "Save");
        await Forms.AssertAnsweredAsync(earlyPage, firstAnswer, 302, "The first save");
        await Expect(earlyPage.GetByRole(AriaRole.Status)).ToContainTextAsync($"Account {firstName} saved.");
        await Expect(earlyPage.GetByRole(AriaRole.Heading, new() { Name = firstName, Level = 1 })).ToBeVisibleAsync();

        // The second rep saves the stale form: refused, with the message, and what they typed is still there.
        await latePage.GetByLabel("Name", new() { Exact = true }).FillAsync(secondName);
        var secondAnswer = await Forms.SubmitAsync(latePage, "Save");
        await Forms.AssertAnsweredAsync(latePage, secondAnswer, 409, "The stale save", heading: "Edit account");
        await Expect(latePage.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this record");
        await Expect(latePage.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(secondName);
        await late.ScreenshotAsync(latePage, "edit-account-conflict");
        await PageChecks.AssertNoHorizontalScrollingAsync(latePage, "The edit form with the conflict message");

        // The first save stays, in the database and on the page.
        var stored = await browser.App.WithDbAsync((db, _) => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id));
        Assert.Equal(firstName, stored.Name);
        await latePage.GotoAsync($"/accounts/{account.Id}");
        await Expect(latePage.GetByRole(AriaRole.Heading, new() { Name = firstName, Level = 1 })).ToBeVisibleAsync();
    }

    private async Task<(Territory Territory, Account Account)> AccountInNewTerritoryAsync()
    {
        var territory = await browser.App.CreateTerritoryAsync();
        var account = await browser.App.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");
        return (territory, account);
    }
}

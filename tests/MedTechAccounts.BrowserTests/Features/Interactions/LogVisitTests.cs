using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Interactions;

/// <summary>
/// A rep between two hospital visits logs one on a tablet (design section 2): from the account page,
/// chips for the people present and the devices discussed, a next step, back to the account page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LogVisitTests(BrowserFixture browser)
{
    [ChromiumTheory]
    [InlineData(768, 1024)]
    [InlineData(1024, 768)]
    public async Task A_rep_logs_a_visit_on_a_tablet_and_sees_it_on_the_account_page_and_the_next_step_at_home(int width, int height)
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Riverside Heart Center {BrowserAppFactory.Unique()}");
        var (nurse, biomed, device) = await app.WithDbAsync(async (db, _) =>
        {
            var nurse = new Contact { ExternalId = $"C-{BrowserAppFactory.Unique()}", AccountId = account.Id, Name = "Dana Whitfield", Title = "ICU nurse manager", Role = ContactRole.Nursing, Influence = ContactInfluence.Influencer };
            var biomed = new Contact { ExternalId = $"C-{BrowserAppFactory.Unique()}", AccountId = account.Id, Name = "Sam Ortega", Title = "Biomed lead", Role = ContactRole.Biomed, Influence = ContactInfluence.User };
            var product = new Product
            {
                Sku = $"VNT-{BrowserAppFactory.Unique()}", Name = "Aurora ventilator", Family = "Ventilation", Category = ProductCategory.Capital,
                ListPrice = 38000m, ServiceLifeMonths = 120,
            };
            var device = new InstalledDevice
            {
                AccountId = account.Id, Product = product, SerialNumber = $"AV-{BrowserAppFactory.Unique()}", Department = "ICU",
                InstallDate = new DateOnly(2024, 3, 12), Status = DeviceStatus.Active,
            };
            db.AddRange(nurse, biomed, device);
            await db.SaveChangesAsync();
            return (nurse, biomed, device);
        });
        var nextStep = $"Send the alarm-settings guide {BrowserAppFactory.Unique()}";
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);

        await using var session = await browser.NewSessionAsync(new() { Width = width, Height = height });
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log visit", Exact = true }).ClickAsync();

        // The account comes preselected from where the rep came, the time defaults to now.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log a visit", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(account.Name, new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("When")).Not.ToHaveValueAsync("");

        // Taps, not typing: type, people present, device discussed, sentiment.
        await page.GetByText("Visit", new() { Exact = true }).ClickAsync();
        // Chips read "name · title" (the training attendee list offers the same people as "name — title").
        await page.GetByText(new Regex($"^{nurse.Name} ·")).ClickAsync();
        await page.GetByText(new Regex($"^{biomed.Name} ·")).ClickAsync();
        await page.GetByText(new Regex($"SN {device.SerialNumber}")).ClickAsync();
        await page.GetByText("+1 Positive", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("#notes-reminder")).ToContainTextAsync("Never record patient information.");
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("Walked the ICU team through the new alarm limits; they want fewer nuisance alarms at night.");
        await page.GetByLabel("Voice of the customer").FillAsync("Nuisance alarms wake the night shift");
        await page.GetByLabel("Next step").FillAsync(nextStep);
        await page.GetByLabel("Due").FillAsync(due.ToString("yyyy-MM-dd"));
        await session.ScreenshotAsync(page, "log-visit-form");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The visit form");
        await PageChecks.AssertTouchTargetsAsync(page, "The visit form");
        await PageChecks.AssertAccessibleAsync(page, "The visit form");

        // With scripts on, the form keeps the visit in the tablet's outbox and sends it through the API.
        await page.Locator("form[data-outbox-ready='true']").WaitForAsync();
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Log visit", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/interactions");
        Assert.Equal(201, answer.Status);

        // Back on the account page, with the confirmation and the visit at the top of the timeline.
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Visit logged.");
        var latest = page.Locator("section[aria-labelledby='interactions-heading'] li").First;
        await Expect(latest).ToContainTextAsync("Visit");
        await Expect(latest).ToContainTextAsync("sentiment +1");
        await Expect(latest).ToContainTextAsync($"Next: {nextStep} (due {due:yyyy-MM-dd})");
        await session.ScreenshotAsync(page, "log-visit-account-page");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The account page after logging a visit");

        // Stored once, with what was tapped.
        var stored = await app.WithDbAsync((db, _) => db.Interactions.AsNoTracking()
            .Where(i => i.AccountId == account.Id)
            .Select(i => new { i.Type, i.Sentiment, i.RepId, i.NextStep, i.NextStepDue, Contacts = i.Contacts.Select(c => c.ContactId).ToList(), Devices = i.Devices.Select(d => d.DeviceId).ToList() })
            .ToListAsync());
        var visit = Assert.Single(stored);
        Assert.Equal((InteractionType.Visit, 1, rep.Id, nextStep, due), (visit.Type, visit.Sentiment, visit.RepId, visit.NextStep, visit.NextStepDue));
        Assert.Equal(new[] { nurse.Id, biomed.Id }.Order(), visit.Contacts.Order());
        Assert.Equal([device.Id], visit.Devices);

        // The next step waits on the rep's home page.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My open next steps" })).ToBeVisibleAsync();
        await Expect(page.GetByText(nextStep, new() { Exact = true })).ToBeVisibleAsync();
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The home page with a next step");

        // Done submits the page's one shared form with this step's address and version.
        var done = await Forms.SubmitAsync(page, $"Mark done: {nextStep}");
        Assert.Equal(302, done.Status);
        await Expect(page.GetByText("Next step marked done.")).ToBeVisibleAsync();
        await Expect(page.GetByText(nextStep, new() { Exact = true })).ToHaveCountAsync(0);
    }

    [ChromiumFact]
    public async Task Notes_that_look_like_patient_information_are_held_with_the_reasons_and_stored_once_the_rep_confirms()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Lakeside General {BrowserAppFactory.Unique()}");
        const string notes = "Alarm on MRN 1234567, DOB 01/02/1960";

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}/visits/new");
        await page.Locator("form[data-outbox-ready='true']").WaitForAsync();
        var confirm = page.GetByLabel("The notes contain no patient information");
        await Expect(confirm).ToBeHiddenAsync();
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync(notes);

        var held = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Log visit", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/interactions");
        Assert.Equal(422, held.Status);

        // The form stays, with the server's reasons next to the notes and the box to confirm; nothing is stored.
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}/visits/new"));
        var reasons = page.Locator("#notes-held-reasons li");
        await Expect(reasons).ToHaveTextAsync(["The notes look like they contain a medical record number.", "The notes look like they contain a date of birth."]);
        await Expect(page.Locator(".outbox-problem")).ToContainTextAsync("medical record number");
        await Expect(confirm).ToBeVisibleAsync();
        await Expect(confirm).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Notes", new() { Exact = true })).ToHaveValueAsync(notes);
        await Expect(page.GetByLabel("Notes", new() { Exact = true })).ToHaveAttributeAsync("aria-describedby", "notes-reminder notes-held-reasons");
        await Expect(confirm).ToHaveAttributeAsync("aria-describedby", "notes-held-reasons");
        await session.ScreenshotAsync(page, "log-visit-notes-held");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The visit form with held notes");
        await PageChecks.AssertTouchTargetsAsync(page, "The visit form with held notes");
        await PageChecks.AssertAccessibleAsync(page, "The visit form with held notes");
        Assert.False(await app.WithDbAsync((db, _) => db.Interactions.AnyAsync(i => i.AccountId == account.Id)));

        // The outbox keeps it as an item to fix, with the reasons; fixing it reopens the form with the box to tick.
        await page.GotoAsync("/outbox");
        var item = page.Locator(".outbox-item").First;
        await Expect(item).ToContainTextAsync("The notes look like they contain a medical record number.");
        await item.GetByRole(AriaRole.Link, new() { Name = "Fix" }).ClickAsync();
        await page.Locator("form[data-outbox-ready='true']").WaitForAsync();
        await Expect(page.GetByLabel("Notes", new() { Exact = true })).ToHaveValueAsync(notes);
        await Expect(reasons).ToHaveTextAsync(["The notes look like they contain a medical record number.", "The notes look like they contain a date of birth."]);
        await Expect(confirm).ToBeVisibleAsync();

        // Ticked, the same visit (same id) is stored, and the confirmation repeats the warnings.
        await confirm.CheckAsync();
        var stored = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Log visit", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/interactions");
        Assert.Equal(201, stored.Status);
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("medical record number");
        var visit = Assert.Single(await app.WithDbAsync((db, _) => db.Interactions.AsNoTracking()
            .Where(i => i.AccountId == account.Id).Select(i => i.Notes).ToListAsync()));
        Assert.Equal(notes, visit);
    }
}

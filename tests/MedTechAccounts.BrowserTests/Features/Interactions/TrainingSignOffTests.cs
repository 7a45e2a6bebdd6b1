using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Interactions;

/// <summary>
/// An in-service training on the ICU floor: the rep picks the model, each attendee signs on the tablet with a finger,
/// and the attendance sheet shows every signature with its hash.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingSignOffTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Two_attendees_sign_offline_and_after_the_sync_the_attendance_sheet_shows_both_signatures()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Lakeside Medical {BrowserAppFactory.Unique()}");
        var (nurse, product) = await app.WithDbAsync(async (db, _) =>
        {
            var nurse = new Contact { ExternalId = $"C-{BrowserAppFactory.Unique()}", AccountId = account.Id, Name = "Dana Whitfield", Title = "ICU nurse manager", Role = ContactRole.Nursing, Influence = ContactInfluence.Influencer };
            var product = new Product
            {
                Sku = $"INF-{BrowserAppFactory.Unique()}", Name = $"Orion infusion pump {BrowserAppFactory.Unique()}", Family = "Infusion", Category = ProductCategory.Capital,
                ListPrice = 4200m, ServiceLifeMonths = 96,
            };
            db.AddRange(nurse, product);
            await db.SaveChangesAsync();
            return (nurse, product);
        });

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        // Opened once with the network, the account page is kept on the tablet for the basement.
        await page.GotoAsync($"/accounts/{account.Id}");
        await page.WaitForFunctionAsync($"() => caches.open('medtech-pages-v1').then(c => c.match('/accounts/{account.Id}')).then(r => !!r)");
        await page.GotoAsync($"/accounts/{account.Id}/visits/new");
        await page.Locator("form[data-outbox-ready='true']").WaitForAsync();

        // The training section appears only for an in-service training.
        var training = page.Locator("#training-fields");
        await Expect(training).ToBeHiddenAsync();
        await page.GetByText("In-service training", new() { Exact = true }).ClickAsync();
        await Expect(training).ToBeVisibleAsync();
        await page.GetByLabel("Device model trained on").SelectOptionAsync(product.Id.ToString());

        // A contact signs: pick, draw, save.
        await page.GetByLabel("Contact (optional)").SelectOptionAsync(nurse.Id.ToString());
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(nurse.Name);
        await SignAsync(page, wave: 12);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save signature" }).ClickAsync();

        // An empty box is not a signature.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam Ortiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save signature" }).ClickAsync();
        await Expect(page.Locator("[data-signature-error]")).ToContainTextAsync("empty");
        await page.GetByLabel("Role or unit (optional)").FillAsync("ICU nurse");
        await SignAsync(page, wave: 20);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save signature" }).ClickAsync();

        var attendees = page.Locator("#attendee-list [data-attendee]");
        await Expect(attendees).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Signature of Sam Ortiz" })).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "training-sign-off-form");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The visit form with a training");
        await PageChecks.AssertAccessibleAsync(page, "The visit form with a training");

        // No network in the training room: the visit and its signatures wait in the outbox.
        await session.Context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log visit" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/accounts/{account.Id}$"), new() { Timeout = 90_000 });
        await Expect(page.Locator("#outbox-badge")).ToHaveTextAsync("1 waiting to sync");
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.TrainingSignOffs.CountAsync(s => s.AccountId == account.Id)));

        // Back online, it syncs with both signatures.
        await session.Context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Expect(page.Locator("#outbox-badge")).ToHaveTextAsync("", new() { Timeout = 60_000 });
        await page.GotoAsync($"/accounts/{account.Id}");
        // The account page lists the training under its device family, with the attendance sheet a tap away.
        var trainings = page.Locator("section[aria-labelledby='trainings-heading']");
        await Expect(trainings.GetByRole(AriaRole.Heading, new() { Name = "Infusion" })).ToBeVisibleAsync();
        await Expect(trainings.Locator("tbody tr").First).ToContainTextAsync(product.Name);

        var stored = await app.WithDbAsync((db, _) => db.TrainingSignOffs.AsNoTracking()
            .Where(s => s.AccountId == account.Id).OrderBy(s => s.SignedAt)
            .Select(s => new { s.InteractionId, s.AttendeeName, s.ContactId, s.RecordedById, s.SignaturePng, s.Interaction!.TrainedProductId })
            .ToListAsync());
        Assert.Equal([nurse.Name, "Sam Ortiz"], stored.Select(s => s.AttendeeName));
        Assert.Equal(nurse.Id, stored[0].ContactId);
        Assert.All(stored, s => Assert.Equal((rep.Id, product.Id), (s.RecordedById, s.TrainedProductId!.Value)));
        // Real images of what was drawn: PNG, and the two attendees' strokes differ.
        Assert.All(stored, s => Assert.Equal([0x89, 0x50, 0x4E, 0x47], s.SignaturePng[..4]));
        Assert.NotEqual(stored[0].SignaturePng, stored[1].SignaturePng);

        await trainings.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Attendance sheet") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/interactions/{stored[0].InteractionId}/attendance$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("attendance sheet");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = $"Signature of {nurse.Name}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Signature of Sam Ortiz" })).ToBeVisibleAsync();
        await Expect(page.GetByText(product.Name, new() { Exact = false })).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "training-attendance-sheet");
        await PageChecks.AssertNoHorizontalScrollingAsync(page, "The attendance sheet");
        await PageChecks.AssertAccessibleAsync(page, "The attendance sheet");
    }

    /// <summary>Draws a zig-zag across the signature box with the pointer, as a finger would.</summary>
    private static async Task SignAsync(IPage page, int wave)
    {
        var canvas = page.Locator("[data-signature-canvas]");
        // The mouse only reaches what is on screen: the box sits below the fold on a portrait tablet.
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("No signature box.");
        await page.Mouse.MoveAsync(box.X + box.Width * 0.1f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 16; i++)
        {
            await page.Mouse.MoveAsync(box.X + box.Width * (0.1f + i * 0.05f), box.Y + box.Height / 2 + (i % 2 == 0 ? wave : -wave));
        }

        await page.Mouse.UpAsync();
    }
}

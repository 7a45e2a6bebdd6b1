using System.Globalization;
using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Incidents;

/// <summary>A rep on a tablet opens an incident from the account page, records the first response; every incident page passes axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentPagesTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task A_rep_opens_an_incident_in_local_time_responds_with_one_tap_and_the_pages_have_no_serious_accessibility_violations()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");
        var (device, overdue) = await app.WithDbAsync(async (db, _) =>
        {
            var sku = $"VNT-{BrowserAppFactory.Unique()}";
            var product = new Product { Sku = sku, Name = "Ventilator V500", Family = "Ventilation", Category = ProductCategory.Capital, ListPrice = 30000m, ServiceLifeMonths = 120 };
            var d = new InstalledDevice
            {
                AccountId = account.Id, Product = product, SerialNumber = $"SN-{BrowserAppFactory.Unique()}".ToUpperInvariant(),
                InstallDate = new DateOnly(2022, 5, 1), Department = "ICU", Status = DeviceStatus.Active,
            };
            var old = new ServiceIncident
            {
                ExternalId = $"INC-{BrowserAppFactory.Unique()}".ToUpperInvariant(), AccountId = account.Id, Device = d,
                OpenedAt = DateTime.UtcNow.AddHours(-9), Severity = IncidentSeverity.Critical, Category = "Alarm fault", Status = IncidentStatus.Open,
            };
            db.AddRange(product, d, old);
            await db.SaveChangesAsync();
            return (d, old);
        });
        var failures = new List<string>();

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open incidents (1)" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Overdue").First).ToBeVisibleAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The account page with an open incident"));
        await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, "The account page with an open incident"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Open incident", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open an incident" })).ToBeVisibleAsync();
        var empty = await Forms.SubmitAsync(page, "Open incident");
        await Forms.AssertAnsweredAsync(page, empty, 400, "The empty incident form", heading: "Open an incident");
        await Expect(page.GetByText("Choose the device.")).ToBeVisibleAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The incident form with errors"));

        var opened = new DateTime(2026, 11, 21, 18, 0, 0, DateTimeKind.Utc); // a Saturday, noon in Chicago
        await page.GetByLabel("Device").SelectOptionAsync(device.Id.ToString());
        await page.GetByText("Major", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Category").FillAsync("Battery");
        await page.GetByLabel("Opened at").FillAsync(opened.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, "The incident form"));
        var answer = await Forms.SubmitAsync(page, "Open incident");
        await Forms.AssertAnsweredAsync(page, answer, 302, "Opening an incident");

        await Expect(page).ToHaveURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("opened (after hours).");
        await Expect(page.GetByText("Sat 2026-11-21 12:00 site time (America/Chicago)")).ToBeVisibleAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The incident page"));
        await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, "The incident page"));

        var responded = await Forms.SubmitAsync(page, "Responded now");
        await Forms.AssertAnsweredAsync(page, responded, 302, "Responding with one tap");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("First response to");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Responded now" })).ToHaveCountAsync(0);

        var id = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await page.GotoAsync($"/incidents/{id}/edit");
        await Expect(page.GetByLabel("Opened at")).ToHaveValueAsync("2026-11-21T18:00");
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The incident edit form"));

        await page.GotoAsync($"/incidents/{overdue.Id}/first-response");
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The first-response form"));

        await page.GotoAsync("/incidents");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = overdue.ExternalId })).ToBeVisibleAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The incident list"));
        await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, "The incident list"));

        var stored = await app.WithDbAsync(async (db, _) => await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((opened, IncidentSeverity.Major, "Battery", true, IncidentStatus.Responded, rep.Id),
            (stored.OpenedAt, stored.Severity, stored.Category, stored.AfterHours, stored.Status, stored.ResponderId));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Runs every page's check before failing, so one run reports all pages.</summary>
    private static async Task Collect(List<string> failures, Func<Task> check)
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

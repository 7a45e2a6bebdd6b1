using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.People;

/// <summary>
/// The day a top rep resigns: the manager opens the departure exposure, drills down to the rep, creates the handover
/// plan, and the colleagues find the multi-threading tasks on their home pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoverPlanTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task A_manager_opens_a_reps_exposure_creates_the_handover_plan_and_the_colleagues_see_the_tasks_at_home()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var sandy = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var dan = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var manager = await app.CreateUserAsync(Roles.Manager);
        var shared = await app.CreateAccountAsync(territory.Id, $"Sandy General {BrowserAppFactory.Unique()}");
        var lone = await app.CreateAccountAsync(territory.Id, $"Lone Clinic {BrowserAppFactory.Unique()}");
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Users.SingleAsync(u => u.Id == manager.Id)).Region = territory.Region;
            var contact = new Contact { AccountId = shared.Id, ExternalId = $"C-{BrowserAppFactory.Unique()}", Name = "Dr. Vera Only", Role = ContactRole.Clinician, Influence = ContactInfluence.DecisionMaker };
            db.Contacts.Add(contact);
            var now = DateTime.UtcNow;
            Interaction Visit(Account account, ApplicationUser rep, int daysAgo) => new()
            {
                ExternalId = $"I-{BrowserAppFactory.Unique()}", AccountId = account.Id, RepId = rep.Id, OccurredAt = now.AddDays(-daysAgo),
                Type = InteractionType.Visit, Source = InteractionSource.Web,
            };
            var withVera = Visit(shared, sandy, 3);
            withVera.Contacts.Add(new InteractionContact { ContactId = contact.Id });
            db.Interactions.AddRange(withVera, Visit(shared, sandy, 10), Visit(shared, sandy, 20), Visit(shared, dan, 30), Visit(lone, sandy, 5));
            foreach (var (account, clv) in new[] { (shared, 300_000m), (lone, 90_000m) })
            {
                db.AccountScores.Add(new AccountScore
                {
                    AccountId = account.Id, AsOf = DateOnly.FromDateTime(now), ComputedAt = now, HealthScore = 45, RiskTier = RiskTier.Watch, Clv = clv, RepDependency = 20,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });

        var failures = new List<string>();
        await using (var session = await browser.NewSessionAsync(BrowserFixture.Landscape))
        {
            var page = await session.SignInAsync(manager.Email!);
            await page.GotoAsync("/people/exposure");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Departure exposure" })).ToBeVisibleAsync();
            await Expect(page.Locator("#exposure-table tbody tr").First).ToContainTextAsync(sandy.DisplayName);
            await Expect(page.Locator("canvas[data-chart-table='exposure-chart-data']")).ToBeVisibleAsync();
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The departure exposure page"));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, "The departure exposure page"));
            await session.ScreenshotAsync(page, "departure-exposure");

            await page.GetByRole(AriaRole.Link, new() { Name = sandy.DisplayName }).ClickAsync();
            await Expect(page.Locator("#exposed-accounts")).ToContainTextAsync("2 of 2");
            await Expect(page.Locator("#exposure-contacts")).ToContainTextAsync("Dr. Vera Only");
            await Expect(page.Locator("#no-plan")).ToBeVisibleAsync();
            await page.Locator("#create-plan").ClickAsync();
            await Expect(page.Locator("#plan-table tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("#plan-table")).ToContainTextAsync(dan.DisplayName);
            await Expect(page.Locator("#plan-table")).ToContainTextAsync(manager.DisplayName);
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "A person's exposure with a handover plan"));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, "A person's exposure with a handover plan"));
            await session.ScreenshotAsync(page, "handover-plan");

            // The manager took the account nobody else visits: it is on the manager's own home page.
            await page.GotoAsync("/");
            await Expect(page.Locator("section[aria-labelledby='my-tasks-heading']")).ToContainTextAsync(lone.Name);
        }

        await using (var session = await browser.NewSessionAsync(BrowserFixture.Portrait))
        {
            var page = await session.SignInAsync(dan.Email!);
            await page.GotoAsync("/");
            var tasks = page.Locator("section[aria-labelledby='my-tasks-heading']");
            await Expect(tasks).ToContainTextAsync(shared.Name);
            await Expect(tasks).ToContainTextAsync("Multi-thread the relationship");
            await Expect(tasks).ToContainTextAsync("Dr. Vera Only");
            await session.ScreenshotAsync(page, "handover-task-at-home");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

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

using System.Globalization;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Accounts;

/// <summary>
/// A rep opens the home page and an account 360 on a tablet and on a desktop, and a manager opens the same account:
/// the numbers shown are the ones in the database, each page is saved as a screenshot, passes axe, has 44 px touch
/// targets and does not scroll sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Account360PagesTests(BrowserFixture browser)
{
    private static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed record Portfolio(Territory Territory, ApplicationUser Rep, Account Critical, Account Slipping, Account Steady);

    private async Task<Portfolio> PortfolioAsync()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var colleague = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var unique = BrowserAppFactory.Unique();
        var critical = await app.CreateAccountAsync(territory.Id, $"St. Luke Clinic {unique}");
        var slipping = await app.CreateAccountAsync(territory.Id, $"Mercy General {unique}");
        var steady = await app.CreateAccountAsync(territory.Id, $"Lakeside Surgery Center {unique}");
        var calendar = app.Services.GetRequiredService<FiscalCalendar>();
        await app.WithDbAsync(async (db, _) =>
        {
            void Score(Guid accountId, DateOnly asOf, double health, decimal clv, RiskTier tier) => db.AccountScores.Add(new AccountScore
            {
                AccountId = accountId, AsOf = asOf, ComputedAt = asOf.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), HealthScore = health,
                RiskTier = tier, Clv = clv, ClvRepeat = clv * 0.6m, ClvContracts = clv * 0.3m, ClvReplacement = clv * 0.1m, PAlive = 0.7,
                ExpectedOrders = 2.5, SignalDetails = "{}", TopReason = "No visit or call in 140 days; healthy is within 60.",
            });

            // Mercy General: a score at the end of most of the last quarters (one gap) and today's.
            var quarter = calendar.QuarterOf(Today);
            for (var i = 1; i <= 7; i++)
            {
                quarter = quarter.Previous();
                if (i != 3)
                {
                    Score(slipping.Id, calendar.End(quarter), 80 - (i * 2), 300_000m - (i * 10_000m), RiskTier.Healthy);
                }
            }

            Score(slipping.Id, Today, 34, 120_000m, RiskTier.AtRisk);
            Score(steady.Id, Today, 85, 200_000m, RiskTier.Healthy);
            Score(critical.Id, Today, 90, 15_000m, RiskTier.Healthy);

            var pump = new Product { Sku = $"IP-{unique}", Name = "Infusion pump IP-7", Family = "Infusion", Category = ProductCategory.Capital, ServiceLifeMonths = 84 };
            var vent = new Product { Sku = $"VT-{unique}", Name = "Ventilator V-500", Family = "Ventilation", Category = ProductCategory.Capital, ServiceLifeMonths = 120 };
            var device = new InstalledDevice { AccountId = critical.Id, Product = pump, SerialNumber = $"SN-C-{unique}", InstallDate = Today.AddYears(-3) };
            db.AddRange(pump, vent, device,
                new InstalledDevice { AccountId = slipping.Id, Product = pump, SerialNumber = $"SN-1-{unique}", InstallDate = Today.AddMonths(-90) },
                new InstalledDevice { AccountId = slipping.Id, Product = pump, SerialNumber = $"SN-2-{unique}", InstallDate = Today.AddMonths(-30) },
                new InstalledDevice { AccountId = slipping.Id, Product = vent, SerialNumber = $"SN-3-{unique}", InstallDate = Today.AddMonths(-110) },
                new InstalledDevice { AccountId = slipping.Id, Product = vent, SerialNumber = $"SN-4-{unique}", InstallDate = Today.AddMonths(-20), Competitor = "Acme" });
            db.Incidents.Add(new ServiceIncident
            {
                ExternalId = $"INC-{unique}", AccountId = critical.Id, Device = device, OpenedAt = DateTime.UtcNow.AddHours(-6),
                Severity = IncidentSeverity.Critical, Category = "Alarm", Status = IncidentStatus.Open,
            });

            var cfo = new Contact { AccountId = slipping.Id, ExternalId = $"CON-1-{unique}", Name = "Cora Diaz", Title = "CFO", Role = ContactRole.Executive, Influence = ContactInfluence.DecisionMaker };
            var surgeon = new Contact { AccountId = slipping.Id, ExternalId = $"CON-2-{unique}", Name = "Dr. Sam Okafor", Title = "Chief of Surgery", Role = ContactRole.Clinician, Influence = ContactInfluence.Influencer };
            var nurse = new Contact { AccountId = slipping.Id, ExternalId = $"CON-3-{unique}", Name = "Nina Park", Title = "ICU nurse manager", Role = ContactRole.Nursing, Influence = ContactInfluence.User };
            db.Contacts.AddRange(cfo, surgeon, nurse);
            for (var i = 0; i < 12; i++)
            {
                db.Interactions.Add(new Interaction
                {
                    AccountId = slipping.Id, RepId = i % 4 == 0 ? colleague.Id : rep.Id, OccurredAt = DateTime.UtcNow.AddDays(-7 - (i * 20)),
                    ExternalId = $"INT-{i}-{unique}", Type = i % 3 == 0 ? InteractionType.Call : InteractionType.Visit, Sentiment = (i % 3) - 1,
                    Notes = $"Reviewed pump alarms with the unit ({i}).", Source = InteractionSource.Web,
                    Contacts = i % 4 == 0 ? [new InteractionContact { ContactId = cfo.Id }] : [new InteractionContact { ContactId = surgeon.Id }],
                    NextStep = i == 0 ? "Send the alarm report" : null, NextStepDue = i == 0 ? Today.AddDays(-2) : null,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });
        return new Portfolio(territory, rep, critical, slipping, steady);
    }

    [ChromiumFact]
    public async Task A_rep_sees_the_accounts_in_priority_order_with_the_stored_numbers_on_a_tablet_and_a_desktop()
    {
        var world = await PortfolioAsync();
        var expected = await browser.App.WithDbAsync(async (db, _) =>
        {
            var scores = await db.AccountScores.AsNoTracking().Where(s => s.Account!.TerritoryId == world.Territory.Id && s.AsOf == Today)
                .Select(s => new { s.AccountId, s.HealthScore, s.Clv }).ToListAsync();
            var critical = await db.Incidents.AsNoTracking().Where(i => i.Account!.TerritoryId == world.Territory.Id
                    && i.Severity == IncidentSeverity.Critical && i.ResolvedAt == null)
                .Select(i => i.AccountId).Distinct().ToListAsync();
            return scores.OrderByDescending(s => critical.Contains(s.AccountId))
                .ThenByDescending(s => ValueAtStakeRule.Of(s.Clv, s.HealthScore)).ToList();
        });
        Assert.Equal([world.Critical.Id, world.Slipping.Id, world.Steady.Id], expected.Select(e => e.AccountId)); // 15k×0.1 (critical), 120k×0.66, 200k×0.15
        var failures = new List<string>();

        foreach (var (viewport, name) in new[] { (BrowserFixture.Portrait, "rep-home-tablet"), (Desktop, "rep-home-desktop") })
        {
            await using var session = await browser.NewSessionAsync(viewport);
            var page = await session.SignInAsync(world.Rep.Email!);
            await page.GotoAsync("/");
            var list = page.Locator("ol.priority-list > li");
            await Expect(list).ToHaveCountAsync(3);
            Assert.Equal(expected.Select(e => e.AccountId.ToString()), await list.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.accountId)"));
            for (var i = 0; i < expected.Count; i++)
            {
                await Expect(list.Nth(i).Locator("[data-field=health]")).ToHaveTextAsync(expected[i].HealthScore.ToString("0", Inv));
                await Expect(list.Nth(i).Locator("[data-field=clv]")).ToHaveTextAsync("USD " + expected[i].Clv.ToString("#,0", Inv)); // money with its currency (the default)
                await Expect(list.Nth(i).Locator("[data-field=priority]"))
                    .ToHaveTextAsync("USD " + ValueAtStakeRule.Of(expected[i].Clv, expected[i].HealthScore).ToString("#,0", Inv));
            }

            await Expect(list.First).ToContainTextAsync("1 open critical incident");
            await Expect(page.GetByTestId("scores-as-of")).ToContainTextAsync($"Scores as of {Today:yyyy-MM-dd}");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Log visit at {world.Critical.Name}" })).ToHaveAttributeAsync("href", $"/accounts/{world.Critical.Id}/visits/new");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToHaveAttributeAsync("href", "/?format=csv");
            await session.ScreenshotAsync(page, name);
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, name));
            await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, name));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, name));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ChromiumFact]
    public async Task A_rep_and_a_manager_read_the_account_360_with_the_stored_health_clv_trend_influence_and_timeline()
    {
        var world = await PortfolioAsync();
        var manager = await browser.App.CreateUserAsync(Roles.Manager);
        await browser.App.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == manager.Id);
            stored.Region = world.Territory.Region;
            await db.SaveChangesAsync();
            return 0;
        });
        var latest = await browser.App.WithDbAsync(async (db, _) => await db.AccountScores.AsNoTracking()
            .Where(s => s.AccountId == world.Slipping.Id).OrderByDescending(s => s.AsOf).FirstAsync());
        var failures = new List<string>();

        foreach (var (viewport, email, name) in new[]
                 {
                     (BrowserFixture.Portrait, world.Rep.Email!, "account-360-tablet"),
                     (Desktop, world.Rep.Email!, "account-360-desktop"),
                     (Desktop, manager.Email!, "account-360-manager-desktop"),
                 })
        {
            await using var session = await browser.NewSessionAsync(viewport);
            var page = await session.SignInAsync(email);
            await page.GotoAsync($"/accounts/{world.Slipping.Id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = world.Slipping.Name, Level = 1 })).ToBeVisibleAsync();

            var health = page.Locator($"section[aria-labelledby='health-heading-{world.Slipping.Id}']");
            await Expect(health.Locator(".display-6")).ToContainTextAsync(latest.HealthScore.ToString("0", Inv));
            await Expect(health).ToContainTextAsync($"{latest.Clv.ToString("#,0", Inv)} over the horizon");
            await Expect(health).ToContainTextAsync($"repeat purchases USD {latest.ClvRepeat.ToString("#,0", Inv)}");

            // The trend's table view: 8 quarters, the current one to date with today's score, one gap said so.
            var trendRows = page.Locator($"#trend-health-{world.Slipping.Id:N}-data tbody tr");
            await Expect(trendRows).ToHaveCountAsync(8);
            await Expect(trendRows.Last.Locator("td")).ToHaveAttributeAsync("data-value", latest.HealthScore.ToString(Inv));
            await Expect(page.GetByTestId("trend-gaps")).ToContainTextAsync("shown as gaps, not estimated");
            await Expect(page.Locator($"#trend-clv-{world.Slipping.Id:N}-data tbody tr").Last.Locator("td"))
                .ToHaveAttributeAsync("data-value", ((double)latest.Clv).ToString(Inv));
            await Expect(page.Locator("canvas[data-chart-drawn=true]")).ToHaveCountAsync(3);

            // Install base by family, influence map and timeline.
            await Expect(page.Locator($"#eol-table-{world.Slipping.Id:N} tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-coverage]")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-coverage=NotMet]")).ToContainTextAsync("Nina Park");
            await Expect(page.GetByTestId("influence-summary")).ToContainTextAsync("2 met by one person only · 1 not met");
            await Expect(page.Locator("[data-interaction-id]")).ToHaveCountAsync(10);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Show more (2 older)" })).ToBeVisibleAsync();

            await session.ScreenshotAsync(page, name);
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, name));
            await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, name));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, name));

            // "Show more" opens the older interactions on the timeline page.
            await page.GetByRole(AriaRole.Link, new() { Name = "Show more (2 older)" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/accounts/{world.Slipping.Id}/timeline\\?page=2$"));
            await Expect(page.Locator("[data-interaction-id]")).ToHaveCountAsync(2);
            await Expect(page.GetByText("Page 2 of 2")).ToBeVisibleAsync();
            await session.ScreenshotAsync(page, name + "-timeline");
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, name + "-timeline"));
            await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, name + "-timeline"));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, name + "-timeline"));
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

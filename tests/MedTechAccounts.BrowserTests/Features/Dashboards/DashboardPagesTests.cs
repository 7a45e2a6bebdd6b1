using System.Globalization;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Dashboards;

/// <summary>
/// A manager and an executive open their dashboards on a tablet and a desktop: the numbers match the database, the
/// drill-down lists the accounts behind a number, axe finds nothing serious, nothing scrolls sideways, and each page
/// is kept as a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPagesTests(BrowserFixture browser)
{
    private static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };

    private static readonly (ViewportSize Size, string Name)[] Viewports = [(BrowserFixture.Portrait, "tablet"), (Desktop, "desktop")];

    [ChromiumFact]
    public async Task A_manager_reads_the_region_dashboard_on_a_tablet_and_a_desktop_and_drills_down_to_the_at_risk_accounts()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var manager = await app.CreateUserAsync(Roles.Manager);
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Users.SingleAsync(u => u.Id == manager.Id)).Region = territory.Region;
            await db.SaveChangesAsync();
            return 0;
        });
        var names = new List<string>();
        foreach (var (health, tier, clv) in new[] { (20.0, RiskTier.AtRisk, 100_000m), (35.0, RiskTier.AtRisk, 400_000m), (60.0, RiskTier.Watch, 50_000m) })
        {
            var account = await app.CreateAccountAsync(territory.Id, $"St. Luke {BrowserAppFactory.Unique()}");
            names.Add(account.Name);
            await app.WithDbAsync(async (db, _) =>
            {
                db.AccountScores.Add(new AccountScore
                {
                    AccountId = account.Id, AsOf = DateOnly.FromDateTime(DateTime.UtcNow), ComputedAt = DateTime.UtcNow, HealthScore = health, RiskTier = tier, Clv = clv,
                    RepDependency = 15, InfluencerCoverage = 25, TopReason = "No visit or call in 140 days; healthy is within 60.",
                    SignalDetails = """{"RepDependency":{"value":0.9,"score":15,"reason":"One rep has met every contact."}}""",
                });
                await db.SaveChangesAsync();
                return 0;
            });
        }

        var expectedAtRisk = await app.WithDbAsync(async (db, _) => await db.AccountScores.IgnoreQueryFilters()
            .CountAsync(s => s.Account!.Territory!.Region == territory.Region && s.RiskTier == RiskTier.AtRisk));
        var failures = new List<string>();
        foreach (var (size, name) in Viewports)
        {
            await using var session = await browser.NewSessionAsync(size);
            var page = await session.SignInAsync(manager.Email!);
            await page.GotoAsync("/dashboards/manager");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Manager dashboard" })).ToBeVisibleAsync();
            await Expect(page.Locator("#kpi-accounts")).ToHaveTextAsync("3");
            await Expect(page.Locator("#kpi-at-risk")).ToHaveTextAsync(expectedAtRisk.ToString(CultureInfo.InvariantCulture));
            await Expect(page.Locator("#at-risk-list tbody tr").First).ToContainTextAsync(names[1]); // 400k × 0.65 at stake
            await Expect(page.Locator("#at-risk-list tbody tr").First.Locator("td[data-value]")).ToHaveAttributeAsync("data-value", "260000.00");
            await Expect(page.Locator("canvas[data-chart-table='tier-chart-data']")).ToBeVisibleAsync();
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, $"The manager dashboard ({name})"));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, $"The manager dashboard ({name})"));
            await session.ScreenshotAsync(page, "manager-dashboard");

            await page.Locator("#kpi-at-risk").ClickAsync();
            await Expect(page.Locator("#drill-count")).ToHaveTextAsync(expectedAtRisk.ToString(CultureInfo.InvariantCulture));
            await Expect(page.Locator("#drill-list tbody tr")).ToHaveCountAsync(expectedAtRisk);
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, $"The at-risk drill-down ({name})"));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, $"The at-risk drill-down ({name})"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ChromiumFact]
    public async Task A_manager_filters_the_dashboard_with_the_keyboard_alone()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var manager = await app.CreateUserAsync(Roles.Manager);
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Users.SingleAsync(u => u.Id == manager.Id)).Region = territory.Region;
            await db.SaveChangesAsync();
            return 0;
        });

        await using var session = await browser.NewSessionAsync(Desktop);
        var page = await session.SignInAsync(manager.Email!);
        await page.GotoAsync("/dashboards/manager");

        // The first Tab offers the skip link; Enter lands in the page's content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        // Tab reaches the segment filter; arrows choose; Tab and Enter apply.
        await TabToAsync(page, "#Segment");
        await page.Keyboard.PressAsync("ArrowDown");
        var chosen = await page.Locator("#Segment").InputValueAsync();
        Assert.NotEqual("", chosen);
        await TabToAsync(page, "form[aria-label='Dashboard filters'] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"Segment={chosen}"));
        await Expect(page.Locator("#Segment")).ToHaveValueAsync(chosen);
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus; fails when it is not reachable.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{selector} cannot be reached with the Tab key.");
    }

    [ChromiumFact]
    public async Task An_executive_reads_the_quarters_of_a_region_on_a_tablet_and_a_desktop()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy {BrowserAppFactory.Unique()}");
        var calendar = new FiscalCalendar();
        var previous = calendar.QuarterOf(DateOnly.FromDateTime(DateTime.UtcNow)).Previous();
        await app.WithDbAsync(async (db, _) =>
        {
            var product = new Product { Sku = $"S-{BrowserAppFactory.Unique()}", Name = "Stapler", Family = "Surgical", Category = ProductCategory.Consumable, ListPrice = 100m };
            db.Orders.Add(new Order
            {
                ExternalId = $"O-{BrowserAppFactory.Unique()}", AccountId = account.Id, OrderDate = calendar.Start(previous).AddDays(3), Type = OrderType.Consumable,
                Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 10, ListAmount = 12_500m, NetAmount = 12_500m }],
            });
            db.QuarterlyTargets.Add(new QuarterlyTarget { FiscalYear = previous.Year, FiscalQuarter = previous.Quarter, Scope = TargetScope.Region, ScopeKey = territory.Region, RevenueTarget = 25_000m });
            await db.SaveChangesAsync();
            return 0;
        });
        var revenue = await app.WithDbAsync(async (db, _) => await db.OrderLines.IgnoreQueryFilters()
            .Where(l => l.Order!.Account!.Territory!.Region == territory.Region && l.Order.OrderDate >= calendar.Start(previous) && l.Order.OrderDate <= calendar.End(previous))
            .SumAsync(l => l.NetAmount));
        var executive = await app.CreateUserAsync(Roles.Executive);
        var key = await app.EnableAuthenticatorAsync(executive);
        var failures = new List<string>();

        foreach (var (size, name) in Viewports)
        {
            await using var session = await browser.NewSessionAsync(size);
            var page = await session.SignInAsync(executive.Email!, key);
            await page.GotoAsync("/dashboards/executive");
            await page.GetByLabel("Region").SelectOptionAsync(territory.Region);
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Executive dashboard" })).ToBeVisibleAsync();
            var row = page.Locator($"#quarter-table tr[data-quarter='{previous.Label}']");
            await Expect(row.Locator("td[data-value]")).ToHaveAttributeAsync("data-value", revenue.ToString(CultureInfo.InvariantCulture));
            await Expect(row).ToContainTextAsync("50.0%");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Quarterly targets" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export workbook" })).ToBeVisibleAsync();
            await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, $"The executive dashboard ({name})"));
            await Collect(failures, () => PageChecks.AssertNoHorizontalScrollingAsync(page, $"The executive dashboard ({name})"));
            await session.ScreenshotAsync(page, "executive-dashboard");
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

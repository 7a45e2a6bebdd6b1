using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Scoring;

/// <summary>
/// A rep on a tablet reads an account's health and completes a next best action from the home page;
/// an administrator is told why weights are refused. Every page passes axe and the touch-target check.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HealthPagesTests(BrowserFixture browser)
{
    private const string Reason = "No visit or call in 140 days; healthy is within 60.";

    [ChromiumFact]
    public async Task A_rep_reads_the_health_of_an_account_and_completes_a_task_and_the_pages_have_no_serious_accessibility_violations()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");
        await app.WithDbAsync(async (db, _) =>
        {
            var fit = new ClvFit
            {
                FittedAt = new DateTime(2026, 10, 30, 2, 0, 0, DateTimeKind.Utc), DataFrom = new DateOnly(2021, 1, 4), DataTo = new DateOnly(2026, 10, 29),
                Accounts = 812, RepeatModel = "bgnbd", RepeatParameters = """{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}""",
                RepeatLogLikelihood = -9582.43, RepeatConverged = true, BacktestMeanAbsoluteError = 0.37,
            };
            db.ClvFits.Add(fit);
            db.AccountScores.Add(new AccountScore
            {
                AccountId = account.Id, AsOf = new DateOnly(2026, 11, 2), ComputedAt = new DateTime(2026, 11, 2, 3, 0, 0, DateTimeKind.Utc),
                HealthScore = 34, RiskTier = RiskTier.AtRisk, Clv = 120000m, ClvRepeat = 80000m, ClvContracts = 30000m, ClvReplacement = 10000m,
                PAlive = 0.7, ExpectedOrders = 2.5, ClvFitId = fit.Id, EngagementRecency = 22,
                SignalDetails = """{"EngagementRecency":{"value":140,"score":22,"reason":""" + $"\"{Reason}\"" + "}}", TopReason = Reason,
            });
            db.EngagementTasks.Add(new EngagementTask
            {
                AccountId = account.Id, AssigneeId = rep.Id, Playbook = Playbook.PostSaleCheckIn, Reason = Reason, ValueAtStake = 79200m,
                Priority = 1, Due = new DateOnly(2026, 11, 9), Status = EngagementTaskStatus.Open, SignalsAtRaise = """{"PostSaleSilence":20}""",
            });
            await db.SaveChangesAsync();
            return 0;
        });
        var failures = new List<string>();

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Health", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("At risk", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Engagement recency sub-score" })).ToHaveAttributeAsync("aria-valuenow", "22");
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The account page with a score and a task"));
        await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, "The account page with a score and a task"));

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My next best actions (1)" })).ToBeVisibleAsync();
        await page.Locator("summary", new() { HasText = "Complete" }).First.ClickAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The home page with a task's complete form open"));
        await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, "The home page with a task's complete form open"));
        await page.GetByLabel("What was done and what came of it").FillAsync("Visited the OR director; review booked.");
        var done = await Forms.SubmitAsync(page, "Mark done");
        Assert.Equal(302, done.Status);
        await Expect(page.GetByText("Task done.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My next best actions (0)" })).ToBeVisibleAsync();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ChromiumFact]
    public async Task An_administrator_is_told_the_weights_do_not_add_up_and_the_scorecard_page_has_no_serious_accessibility_violations()
    {
        var app = browser.App;
        var admin = await app.CreateUserAsync(Roles.Admin);
        var key = await app.EnableAuthenticatorAsync(admin);
        var version = await app.WithDbAsync(async (db, _) => (await db.ScorecardWeights.AsNoTracking().SingleAsync()).Version);
        var failures = new List<string>();

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(admin.Email!, key);
        await page.GotoAsync("/admin/scorecard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Health scorecard" })).ToBeVisibleAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The scorecard"));
        await Collect(failures, () => PageChecks.AssertTouchTargetsAsync(page, "The scorecard"));

        await page.GetByLabel("Engagement recency (%)").FillAsync("0");
        var refused = await Forms.SubmitAsync(page, "Save and rescore");
        await Forms.AssertAnsweredAsync(page, refused, 400, "Weights adding up to 90", heading: "Health scorecard");
        await Expect(page.GetByText("Weights must add up to 100%; they add up to 90%.")).ToBeVisibleAsync();
        await Collect(failures, () => PageChecks.AssertAccessibleAsync(page, "The scorecard with the sum refused"));

        Assert.Equal(version, await app.WithDbAsync(async (db, _) => (await db.ScorecardWeights.AsNoTracking().SingleAsync()).Version));
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

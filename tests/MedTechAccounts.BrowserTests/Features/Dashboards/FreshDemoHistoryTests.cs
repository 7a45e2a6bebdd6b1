using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Dashboards;

/// <summary>A second app host started like a fresh demo: the demo portfolio seeded, with its backfilled history.</summary>
public sealed class FreshDemoApp : IAsyncLifetime
{
    private BrowserAppFactory? _app;

    public BrowserAppFactory App => _app ?? throw new InvalidOperationException(Chromium.MissingReason ?? "The demo app has not started.");

    public async Task InitializeAsync()
    {
        if (Chromium.Path is null)
        {
            return;
        }

        _app = new BrowserAppFactory(seedDemo: true);
        _app.Start();
        // The live round the scoring worker runs on a first start (the browser tests switch the worker off).
        await _app.WithDbAsync((_, sp) => sp.GetRequiredService<ScoreRecomputer>().RecomputeAllAsync(refit: true, progress: null, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// On a fresh demo the executive dashboard answers its question from the first start: every quarter shows its CLV at the
/// start and the end and the change, and "Quarter hit while CLV fell" lists accounts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FreshDemoHistoryTests(BrowserFixture browser, FreshDemoApp demo) : IClassFixture<FreshDemoApp>
{
    [ChromiumFact]
    public async Task The_executive_dashboard_of_a_fresh_demo_shows_the_clv_of_every_quarter_and_the_accounts_that_hit_their_quarter_while_it_fell()
    {
        var app = demo.App;
        var backfilled = await app.WithDbAsync((db, _) => db.AccountScores.CountAsync(s => s.Backfilled));
        Assert.True(backfilled > 0);
        var executive = await app.CreateUserAsync(Roles.Executive);
        var key = await app.EnableAuthenticatorAsync(executive);

        await using var session = await browser.NewSessionAsync(BrowserFixture.Landscape, app);
        var page = await session.SignInAsync(executive.Email!, key);
        await page.GotoAsync("/dashboards/executive");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CLV at the start and end of each quarter" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No stored scores for these quarters yet.")).ToHaveCountAsync(0);
        var rows = page.Locator("#quarter-table tbody tr");
        await Expect(rows).ToHaveCountAsync(9);
        // Newest first. The demo's facts begin two years back: the oldest quarter shown has its end, not its start.
        for (var i = 0; i < 9; i++)
        {
            var cells = rows.Nth(i).Locator("td");
            var quarter = await rows.Nth(i).Locator("th").InnerTextAsync();
            // CLV start, CLV end and change: the 5th to 7th number cells.
            foreach (var c in i < 8 ? new[] { 4, 5, 6 } : new[] { 5 })
            {
                var text = (await cells.Nth(c).InnerTextAsync()).Trim();
                Assert.False(text is "—" or "", $"{quarter}: column {c + 1} is empty");
            }
        }

        await Expect(page.Locator("#clv-source")).ToContainTextAsync("backfilled snapshots");
        var hit = page.Locator("#hit-table tbody tr a[href^='/accounts/']").First;
        await Expect(hit).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "executive-dashboard-fresh-demo");

        // The account's trend is there too, and says which of its points were reconstructed rather than scored on the day.
        await hit.ClickAsync();
        await Expect(page.GetByTestId("trend-backfilled")).ToContainTextAsync("backfilled: reconstructed later from the facts dated by that day");
    }
}

using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Commercial;

/// <summary>axe-core on the order, contract, survey and target pages, forms shown with and without errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommercialAccessibilityTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task The_order_contract_and_survey_pages_have_no_serious_accessibility_violations()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var manager = await app.CreateUserAsync(Roles.Manager, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Mercy General {BrowserAppFactory.Unique()}");
        var (order, contract) = await app.WithDbAsync(async (db, _) =>
        {
            var product = new Product
            {
                Sku = $"P-{BrowserAppFactory.Unique()}", Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital, ListPrice = 30000m,
                ServiceLifeMonths = 120,
            };
            var device = new InstalledDevice { AccountId = account.Id, Product = product, SerialNumber = $"SN-{BrowserAppFactory.Unique()}", InstallDate = new DateOnly(2022, 1, 1) };
            var o = new Order { ExternalId = $"ORD-{BrowserAppFactory.Unique()}", AccountId = account.Id, OrderDate = new DateOnly(2025, 3, 1), Type = OrderType.Capital };
            o.Lines.Add(new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = 30000m, NetAmount = 25500m });
            var c = new ServiceContract
            {
                ExternalId = $"SC-{BrowserAppFactory.Unique()}", AccountId = account.Id, Start = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-10),
                End = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2), AnnualValue = 9000m,
            };
            c.CoveredDevices.Add(new ServiceContractDevice { ServiceContractId = c.Id, Device = device });
            db.AddRange(product, device, o, c, new SurveyResponse { AccountId = account.Id, Date = new DateOnly(2025, 6, 1), Nps = 9 });
            await db.SaveChangesAsync();
            return (o, c);
        });

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(manager.Email!);
        var failures = new List<string>();

        await page.GotoAsync($"/accounts/{account.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders, contracts and NPS" })).ToBeVisibleAsync();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The account page with orders, contracts and NPS"));

        foreach (var (url, heading) in new[]
                 {
                     ("/orders", "Orders"), ($"/orders/{order.Id}", $"Order {order.ExternalId}"), ("/contracts", "Service contracts"),
                     ($"/contracts/{contract.Id}", $"Contract {contract.ExternalId} Expiring"), ("/surveys", "Survey responses"),
                     ($"/contracts/{contract.Id}/renew", "Renew contract"), ($"/accounts/{account.Id}/contracts/new", "New service contract"),
                 })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, $"The page {url}"));
        }

        await page.GotoAsync($"/accounts/{account.Id}/orders/new");
        var answer = await Forms.SubmitAsync(page, "Save order");
        await Forms.AssertAnsweredAsync(page, answer, 400, "The empty order form", heading: "New order");
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The order form with errors"));

        await page.GotoAsync($"/accounts/{account.Id}/surveys/new");
        answer = await Forms.SubmitAsync(page, "Record");
        await Forms.AssertAnsweredAsync(page, answer, 400, "The survey form without a score", heading: "Record survey response");
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The survey form with errors"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ChromiumFact]
    public async Task The_target_pages_have_no_serious_accessibility_violations()
    {
        var app = browser.App;
        var executive = await app.CreateUserAsync(Roles.Executive);
        var key = await app.EnableAuthenticatorAsync(executive);

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(executive.Email!, key);
        var failures = new List<string>();

        await page.GotoAsync("/targets");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quarterly targets", Level = 1 })).ToBeVisibleAsync();
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The targets list"));

        await page.GotoAsync("/targets/new");
        await page.GetByLabel("Fiscal year").FillAsync("2026");
        await page.GetByLabel("Scope", new() { Exact = true }).SelectOptionAsync("Region");
        await page.GetByLabel("Scope key").FillAsync("Atlantis");
        var answer = await Forms.SubmitAsync(page, "Set target");
        await Forms.AssertAnsweredAsync(page, answer, 400, "A target for a region that does not exist", heading: "Set a quarterly target");
        await CollectAsync(failures, () => PageChecks.AssertAccessibleAsync(page, "The target form with errors"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task CollectAsync(List<string> failures, Func<Task> check)
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

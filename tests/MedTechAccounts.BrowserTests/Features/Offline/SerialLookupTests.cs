using System.Text.RegularExpressions;
using MedTechAccounts.BrowserTests.Infrastructure;
using MedTechAccounts.Core.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedTechAccounts.BrowserTests.Features.Offline;

/// <summary>
/// A rep in front of a device finds it by its serial label: typed always, scanned with the camera
/// where the browser reads barcodes (the button is hidden elsewhere).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SerialLookupTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task A_typed_or_scanned_serial_picks_the_device_on_the_visit_form_and_finds_it_on_the_search_page()
    {
        var app = browser.App;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, territory.Id);
        var account = await app.CreateAccountAsync(territory.Id, $"Lakeside General {BrowserAppFactory.Unique()}");
        var (pump, monitor) = await app.WithDbAsync(async (db, _) =>
        {
            var product = new Product
            {
                Sku = $"INF-{BrowserAppFactory.Unique()}", Name = "Volumetric pump", Family = "Infusion", Category = ProductCategory.Capital,
                ListPrice = 4200m, ServiceLifeMonths = 96,
            };
            var pump = new InstalledDevice { AccountId = account.Id, Product = product, SerialNumber = $"VP-{BrowserAppFactory.Unique()}", InstallDate = new DateOnly(2023, 2, 1), Status = DeviceStatus.Active };
            var monitor = new InstalledDevice { AccountId = account.Id, Product = product, SerialNumber = $"VM-{BrowserAppFactory.Unique()}", InstallDate = new DateOnly(2023, 2, 1), Status = DeviceStatus.Active };
            db.AddRange(pump, monitor);
            await db.SaveChangesAsync();
            return (pump, monitor);
        });

        await using var session = await browser.NewSessionAsync(BrowserFixture.Portrait);
        var page = await session.SignInAsync(rep.Email!);
        await page.GotoAsync($"/accounts/{account.Id}/visits/new");

        // Typing works everywhere; Enter picks the device instead of submitting the visit.
        var serialBox = page.GetByLabel("Find the device by its serial number");
        await serialBox.FillAsync(pump.SerialNumber.ToLowerInvariant());
        await serialBox.PressAsync("Enter");
        await Expect(page.Locator($"input[data-serial='{pump.SerialNumber}']")).ToBeCheckedAsync();
        await Expect(page.Locator($"input[data-serial='{monitor.SerialNumber}']")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#device-serial-result")).ToContainTextAsync("Picked");
        await Expect(page).ToHaveURLAsync(new Regex("/visits/new$"));
        if (!await page.EvaluateAsync<bool>("() => 'BarcodeDetector' in window"))
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Scan serial" })).ToBeHiddenAsync();
        }

        await PageChecks.AssertAccessibleAsync(page, "The visit form with the serial picker");
        await PageChecks.AssertTouchTargetsAsync(page, "The visit form with the serial picker");

        // Where the browser reads barcodes (here a stand-in that reads the monitor's label), the camera picks it.
        await session.Context.AddInitScriptAsync($$"""
            window.BarcodeDetector = class {
              static async getSupportedFormats() { return ['code_128', 'qr_code']; }
              async detect() { return [{ rawValue: '{{monitor.SerialNumber}}' }]; }
            };
            if (navigator.mediaDevices) {
              navigator.mediaDevices.getUserMedia = async () => {
                const canvas = document.createElement('canvas');
                canvas.width = 16; canvas.height = 16;
                canvas.getContext('2d').fillRect(0, 0, 16, 16);
                return canvas.captureStream();
              };
            }
            """);
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan serial" }).ClickAsync();
        await Expect(page.Locator($"input[data-serial='{monitor.SerialNumber}']")).ToBeCheckedAsync();

        await page.GotoAsync("/devices/search");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan serial" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"Serial={monitor.SerialNumber}"));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = monitor.SerialNumber, Exact = true })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page, "The device search with the scan button");
    }
}

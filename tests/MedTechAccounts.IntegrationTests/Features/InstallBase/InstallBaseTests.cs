using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.IntegrationTests.Infrastructure;
using MedTechAccounts.Web.Features.InstallBase;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.InstallBase;

/// <summary>An account's install base through the forms and the API as a rep: add, edit, status changes, fleet, search, scoping.</summary>
public abstract class InstallBaseTests(AppFactory app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Serial(string prefix = "SN") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)].ToUpperInvariant();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<Product> ProductAsync(string family = "Ventilation", int serviceLifeMonths = 120, ProductCategory category = ProductCategory.Capital) =>
        app.WithDbAsync(async (db, _) =>
        {
            var sku = $"P-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
            var product = new Product
            {
                Sku = sku, Name = $"{family} unit {sku}", Family = family, Category = category, ListPrice = 30000m, ServiceLifeMonths = serviceLifeMonths,
            };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product;
        });

    private Task<InstalledDevice> DeviceAsync(Guid accountId, Guid productId, DateOnly installed, string? competitor = null, string? serial = null) =>
        app.WithDbAsync(async (db, _) =>
        {
            var device = new InstalledDevice
            {
                AccountId = accountId, ProductId = productId, SerialNumber = serial ?? Serial(), InstallDate = installed, Department = "ICU",
                Status = DeviceStatus.Active, Competitor = competitor,
            };
            db.Devices.Add(device);
            await db.SaveChangesAsync();
            return device;
        });

    /// <summary>A rep signed in (API token header set) with an account of their own, and a foreign account in another territory of the region.</summary>
    private async Task<(HttpClient Client, ApplicationUser Rep, Account Own, Account Foreign)> SignedInRepAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var mine = await app.CreateTerritoryAsync(region);
        var theirs = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var own = await app.CreateAccountAsync(mine.Id);
        var foreign = await app.CreateAccountAsync(theirs.Id);
        var client = await app.SignInAsync(rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/"));
        return (client, rep, own, foreign);
    }

    [DbFact]
    public async Task A_rep_adds_a_device_through_the_form_it_is_audited_and_the_account_is_marked_stale()
    {
        var (client, rep, own, _) = await SignedInRepAsync();
        var product = await ProductAsync();
        var serial = Serial("VNT");
        var before = DateTime.UtcNow.AddSeconds(-5);

        var response = await AppFactory.PostFormAsync(client, $"/accounts/{own.Id}/devices/new", $"/accounts/{own.Id}/devices/new", new Dictionary<string, string?>
        {
            ["ProductId"] = product.Id.ToString(), ["SerialNumber"] = serial, ["Department"] = "Cardiac ICU",
            ["InstallDate"] = Iso(Today.AddYears(-2)), ["WarrantyEnd"] = Iso(Today.AddYears(1)), ["ContractEnd"] = Iso(Today.AddYears(3)),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/accounts/{own.Id}/devices", response.Headers.Location!.OriginalString);
        var fleet = await client.GetStringAsync($"/accounts/{own.Id}/devices");
        Assert.Contains($"Device {serial} added.", fleet);
        Assert.Contains(serial, fleet);
        Assert.Contains("age 2 y 0 m", fleet);
        var (device, audit, stale) = await app.WithDbAsync(async (db, _) =>
        {
            var d = await db.Devices.SingleAsync(x => x.SerialNumber == serial);
            var rows = await db.AuditEntries.Where(e => e.Entity == nameof(InstalledDevice) && e.EntityId == d.Id.ToString()).ToListAsync();
            var mark = await db.StaleAccounts.SingleOrDefaultAsync(s => s.AccountId == own.Id);
            return (d, rows, mark);
        });
        Assert.Equal((own.Id, DeviceStatus.Active, "Cardiac ICU", (string?)null), (device.AccountId, device.Status, device.Department, device.Competitor));
        Assert.Contains(audit, e => e.Field == nameof(InstalledDevice.SerialNumber) && e.NewValue == serial && e.Action == AuditAction.Insert);
        Assert.All(audit, e => Assert.Equal(rep.Email, e.UserName));
        Assert.NotNull(stale);
        Assert.True(stale.MarkedAt >= before, "the stale mark is as recent as the change");
    }

    [DbFact]
    public async Task The_fleet_page_shows_families_ages_end_of_service_life_the_devices_inside_12_months_and_our_share()
    {
        var (client, _, own, _) = await SignedInRepAsync();
        var vent = await ProductAsync("Ventilation", 120);
        var pump = await ProductAsync("Infusion", 96);
        var ageing = await DeviceAsync(own.Id, vent.Id, Today.AddMonths(-114));
        var young = await DeviceAsync(own.Id, pump.Id, Today.AddMonths(-7));
        var rival = await DeviceAsync(own.Id, pump.Id, Today.AddMonths(-100), competitor: "Acme Medical");
        var retired = await DeviceAsync(own.Id, vent.Id, Today.AddYears(-15));
        await app.WithDbAsync(async db =>
        {
            (await db.Devices.FindAsync(retired.Id))!.Status = DeviceStatus.Decommissioned;
            await db.SaveChangesAsync();
        });

        var html = await client.GetStringAsync($"/accounts/{own.Id}/devices");
        var fleet = await app.SendAsAsync(TestUser.Of(await app.CreateUserAsync(Roles.Executive), Roles.Executive),
            s => s.Send(new AccountFleet.Query(own.Id)));

        Assert.Contains("age 9 y 6 m", html);
        Assert.Contains("age 7 m", html);
        Assert.Contains(Iso(Today.AddMonths(-114).AddMonths(120)), html);
        Assert.Contains("Our share of the active fleet: <strong>67%</strong> (2 of 3 active devices)", html);
        Assert.Contains("Acme Medical (1)", html);
        Assert.Equal(["Infusion", "Ventilation"], fleet.Families.Select(f => f.Family));
        Assert.Equal([rival.Id, ageing.Id], fleet.NearEndOfServiceLife.Select(d => d.Id)); // past end of life first, then the soonest
        Assert.DoesNotContain(fleet.NearEndOfServiceLife, d => d.Id == young.Id || d.Id == retired.Id);
        var vents = fleet.Families.Single(f => f.Family == "Ventilation");
        Assert.Equal((1, 0, 1, 114), (vents.OurActive, vents.CompetitorActive, vents.Inactive, vents.AverageAgeMonths));
        Assert.Equal((2, 1, 67), (fleet.OurActive, fleet.CompetitorActive, fleet.OurSharePercent));
    }

    [DbFact]
    public async Task A_large_fleet_shows_the_first_devices_of_each_family_and_pages_one_familys_devices()
    {
        var (client, _, own, _) = await SignedInRepAsync();
        var vent = await ProductAsync("Ventilation", 120);
        var imaging = await ProductAsync("Imaging", 120);
        var serials = Enumerable.Range(0, FleetPage.PageSize + 5).Select(i => $"VENT-{i:D3}-{Guid.NewGuid():N}"[..17].ToUpperInvariant()).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Devices.AddRange(serials.Select((serial, i) => new InstalledDevice
            {
                AccountId = own.Id, ProductId = vent.Id, SerialNumber = serial, InstallDate = Today.AddDays(-1 - i), Status = DeviceStatus.Active,
            }));
            await db.SaveChangesAsync();
        });
        var scanner = await DeviceAsync(own.Id, imaging.Id, Today.AddYears(-2));

        int Shown(string html) => serials.Count(html.Contains);
        var overview = await client.GetStringAsync($"/accounts/{own.Id}/devices");
        Assert.Equal(FleetPage.PreviewRows, Shown(overview));
        Assert.Contains(scanner.SerialNumber, overview);
        Assert.Contains($"All {serials.Count} Ventilation devices", overview);
        Assert.Contains($"href=\"/accounts/{own.Id}/devices?family=Ventilation\"", overview);

        var first = await client.GetStringAsync($"/accounts/{own.Id}/devices?family=Ventilation");
        var second = await client.GetStringAsync($"/accounts/{own.Id}/devices?family=Ventilation&page=2");
        Assert.Equal(FleetPage.PageSize, Shown(first));
        Assert.Equal(5, Shown(second));
        Assert.Equal(serials.Count, serials.Count(s => first.Contains(s) || second.Contains(s)));
        Assert.DoesNotContain(scanner.SerialNumber, first);
        Assert.Contains($"Showing 1–{FleetPage.PageSize} of {serials.Count}", first);

        // A page past the end shows the last one; a family the account has none of says so.
        Assert.Equal(5, Shown(await client.GetStringAsync($"/accounts/{own.Id}/devices?family=Ventilation&page=99")));
        var none = await client.GetStringAsync($"/accounts/{own.Id}/devices?family=Dialysis");
        Assert.Contains("No Dialysis devices at this account.", none);
    }

    [DbFact]
    public async Task Editing_a_device_through_the_API_is_audited_and_a_stale_version_answers_409()
    {
        var (client, _, own, _) = await SignedInRepAsync();
        var product = await ProductAsync();
        var device = await DeviceAsync(own.Id, product.Id, Today.AddYears(-1));
        await app.WithDbAsync(async db => await db.StaleAccounts.Where(s => s.AccountId == own.Id).ExecuteDeleteAsync());
        var original = await client.GetFromJsonAsync<DeviceDetails.Result>($"/api/devices/{device.Id}", Json.Options);

        object Edit(string department) => new
        {
            original!.ProductId, original.SerialNumber, Department = department, original.InstallDate, WarrantyEnd = Today.AddMonths(6),
            original.ContractEnd, original.Competitor, original.Version,
        };
        var first = await client.PutAsJsonAsync($"/api/devices/{device.Id}", Edit("Emergency"), Json.Options);
        var second = await client.PutAsJsonAsync($"/api/devices/{device.Id}", Edit("Radiology"), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this record", (await second.Content.ReadFromJsonAsync<Problem>(Json.Options))!.Detail);
        var stored = await client.GetFromJsonAsync<DeviceDetails.Result>($"/api/devices/{device.Id}", Json.Options);
        Assert.Equal(("Emergency", Today.AddMonths(6)), (stored!.Department, stored.WarrantyEnd));
        Assert.Equal(12, stored.AgeMonths);
        Assert.Equal(device.InstallDate.AddMonths(120), stored.EndOfServiceLife);
        var (audit, stale) = await app.WithDbAsync(async (db, _) => (
            await db.AuditEntries.Where(e => e.EntityId == device.Id.ToString() && e.Action == AuditAction.Update).ToListAsync(),
            await db.StaleAccounts.AnyAsync(s => s.AccountId == own.Id)));
        Assert.Contains(audit, e => e.Field == nameof(InstalledDevice.Department) && e.OldValue == "ICU" && e.NewValue == "Emergency");
        Assert.True(stale);
    }

    [DbFact]
    public async Task Decommissioning_through_the_form_shows_a_status_message_and_losing_a_device_names_the_competitor()
    {
        var (client, _, own, _) = await SignedInRepAsync();
        var product = await ProductAsync();
        var first = await DeviceAsync(own.Id, product.Id, Today.AddYears(-8));
        var second = await DeviceAsync(own.Id, product.Id, Today.AddYears(-9));

        var decommission = await AppFactory.PostFormAsync(client, $"/devices/{first.Id}/decommission", $"/devices/{first.Id}/decommission",
            new Dictionary<string, string?> { ["Id"] = first.Id.ToString(), ["Version"] = first.Version.ToString() });
        var page = await client.GetStringAsync($"/accounts/{own.Id}/devices");
        var unnamed = await client.PostAsJsonAsync($"/api/devices/{second.Id}/status", new { Status = "LostToCompetitor", second.Version }, Json.Options);
        var lostForm = await AppFactory.PostFormAsync(client, $"/devices/{second.Id}/lost", $"/devices/{second.Id}/lost",
            new Dictionary<string, string?> { ["Id"] = second.Id.ToString(), ["Version"] = second.Version.ToString(), ["Competitor"] = "" });
        var lost = await client.PostAsJsonAsync($"/api/devices/{second.Id}/status", new { Status = "LostToCompetitor", Competitor = " Acme Medical ", second.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.Redirect, decommission.StatusCode);
        Assert.Equal($"/accounts/{own.Id}/devices", decommission.Headers.Location!.OriginalString);
        Assert.Contains($"Device {first.SerialNumber} decommissioned.", page);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal(["Competitor"], (await unnamed.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, lostForm.StatusCode);
        Assert.Contains("Name the competitor the device was lost to.", await lostForm.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        var result = await lost.Content.ReadFromJsonAsync<ChangeDeviceStatus.Result>(Json.Options);
        Assert.Equal((own.Id, DeviceStatus.LostToCompetitor), (result!.AccountId, result.Status));
        var stored = await app.WithDbAsync(async (db, _) => await db.Devices.Where(d => d.AccountId == own.Id).ToDictionaryAsync(d => d.Id));
        Assert.Equal(DeviceStatus.Decommissioned, stored[first.Id].Status);
        Assert.Equal((DeviceStatus.LostToCompetitor, "Acme Medical"), (stored[second.Id].Status, stored[second.Id].Competitor));
        var fleet = await client.GetStringAsync($"/accounts/{own.Id}/devices");
        Assert.Contains("lost to Acme Medical", fleet);
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.EntityId == second.Id.ToString() && e.Field == nameof(InstalledDevice.Status)).ToListAsync());
        Assert.Contains(audit, e => e.OldValue == "Active" && e.NewValue == "LostToCompetitor");
    }

    [DbFact]
    public async Task A_stale_status_change_answers_409_and_a_competitors_device_cannot_be_lost_to_a_competitor()
    {
        var (client, _, own, _) = await SignedInRepAsync();
        var product = await ProductAsync();
        var ours = await DeviceAsync(own.Id, product.Id, Today.AddYears(-3));
        var rival = await DeviceAsync(own.Id, product.Id, Today.AddYears(-3), competitor: "Globex");

        var replaced = await client.PostAsJsonAsync($"/api/devices/{ours.Id}/status", new { Status = "Replaced", ours.Version }, Json.Options);
        var stale = await client.PostAsJsonAsync($"/api/devices/{ours.Id}/status", new { Status = "Decommissioned", ours.Version }, Json.Options);
        var rivalLost = await client.PostAsJsonAsync($"/api/devices/{rival.Id}/status", new { Status = "LostToCompetitor", Competitor = "Initech", rival.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rivalLost.StatusCode);
        Assert.Equal(["Status"], (await rivalLost.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(DeviceStatus.Replaced, await app.WithDbAsync(async (db, _) => (await db.Devices.FindAsync(ours.Id))!.Status));
    }

    [DbFact]
    public async Task Dates_out_of_order_a_future_install_and_a_duplicate_serial_answer_problem_details_naming_the_fields()
    {
        var (client, _, own, _) = await SignedInRepAsync();
        var product = await ProductAsync();
        var consumable = await ProductAsync("Supplies", 0, ProductCategory.Consumable);
        var existing = await DeviceAsync(own.Id, product.Id, Today.AddYears(-1));

        var disordered = await client.PostAsJsonAsync("/api/devices", new
        {
            AccountId = own.Id, ProductId = product.Id, SerialNumber = Serial(), InstallDate = Today.AddYears(-1),
            WarrantyEnd = Today.AddYears(-2), ContractEnd = Today.AddYears(-1).AddDays(-1),
        }, Json.Options);
        var future = await client.PostAsJsonAsync("/api/devices", new
        {
            AccountId = own.Id, ProductId = consumable.Id, SerialNumber = Serial(), InstallDate = Today.AddDays(2),
        }, Json.Options);
        var duplicate = await client.PostAsJsonAsync("/api/devices", new
        {
            AccountId = own.Id, ProductId = product.Id, existing.SerialNumber, InstallDate = Today,
        }, Json.Options);
        var sameSerialOtherProduct = await client.PostAsJsonAsync("/api/devices", new
        {
            AccountId = own.Id, ProductId = (await ProductAsync()).Id, existing.SerialNumber, InstallDate = Today,
        }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, disordered.StatusCode);
        Assert.Equal("application/problem+json", disordered.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["ContractEnd", "WarrantyEnd"], (await disordered.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys.Order());
        Assert.Equal(["InstallDate", "ProductId"], (await future.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys.Order());
        var duplicateProblem = await duplicate.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["This serial number is already recorded for this product."], duplicateProblem!.Errors["SerialNumber"]);
        Assert.Equal(HttpStatusCode.Created, sameSerialOtherProduct.StatusCode);
    }

    [DbFact]
    public async Task Serial_search_finds_partial_matches_only_in_the_accounts_the_user_may_see()
    {
        var (client, _, own, foreign) = await SignedInRepAsync();
        var product = await ProductAsync();
        var stem = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var mine = await DeviceAsync(own.Id, product.Id, Today.AddYears(-2), serial: $"AB-{stem}-01");
        var theirs = await DeviceAsync(foreign.Id, product.Id, Today.AddYears(-2), serial: $"AB-{stem}-02");

        var page = await client.GetStringAsync($"/devices/search?serial={stem.ToLowerInvariant()}");
        var api = await client.GetFromJsonAsync<ApiPage<DeviceList.Row>>($"/api/devices?serial={stem}", Json.Options);
        var byAccount = await client.GetFromJsonAsync<ApiPage<DeviceList.Row>>($"/api/devices?accountId={foreign.Id}", Json.Options);
        var byStatus = await client.GetFromJsonAsync<ApiPage<DeviceList.Row>>($"/api/devices?serial={stem}&status=Decommissioned", Json.Options);
        var asExecutive = await app.SendAsAsync(TestUser.Of(await app.CreateUserAsync(Roles.Executive), Roles.Executive),
            s => s.Send(new DeviceList.Query { Serial = stem }));

        Assert.Contains(mine.SerialNumber, page);
        Assert.Contains(own.Name, page);
        Assert.DoesNotContain(theirs.SerialNumber, page);
        Assert.DoesNotContain(foreign.Name, page);
        Assert.Equal([mine.Id], api!.Items.Select(d => d.Id));
        Assert.Equal(own.Name, api.Items[0].AccountName);
        Assert.Empty(byAccount!.Items);
        Assert.Empty(byStatus!.Items);
        Assert.Equal([mine.Id, theirs.Id], asExecutive.Items.Select(d => d.Id));
    }

    [DbFact]
    public async Task A_foreign_account_or_device_answers_404_on_every_install_base_route()
    {
        var (client, _, own, foreign) = await SignedInRepAsync();
        var product = await ProductAsync();
        var device = await DeviceAsync(foreign.Id, product.Id, Today.AddYears(-5));
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/");

        foreach (var url in new[]
                 {
                     $"/accounts/{foreign.Id}/devices", $"/accounts/{foreign.Id}/devices/new", $"/devices/{device.Id}/edit",
                     $"/devices/{device.Id}/decommission", $"/devices/{device.Id}/replaced", $"/devices/{device.Id}/lost",
                     $"/api/devices/{device.Id}",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Id"] = device.Id.ToString(), ["AccountId"] = own.Id.ToString(),
            ["Version"] = device.Version.ToString(), ["ProductId"] = product.Id.ToString(), ["SerialNumber"] = Serial("HIJACK"),
            ["InstallDate"] = Iso(Today.AddYears(-1)), ["Competitor"] = "Acme Medical",
        };
        foreach (var url in new[]
                 {
                     $"/accounts/{foreign.Id}/devices/new", $"/devices/{device.Id}/edit", $"/devices/{device.Id}/decommission",
                     $"/devices/{device.Id}/replaced", $"/devices/{device.Id}/lost",
                 })
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        var create = await client.PostAsJsonAsync("/api/devices", new
        {
            AccountId = foreign.Id, ProductId = product.Id, SerialNumber = Serial("HIJACK"), InstallDate = Today,
        }, Json.Options);
        var put = await client.PutAsJsonAsync($"/api/devices/{device.Id}", new
        {
            ProductId = product.Id, SerialNumber = Serial("HIJACK"), InstallDate = Today, device.Version,
        }, Json.Options);
        var status = await client.PostAsJsonAsync($"/api/devices/{device.Id}/status", new { Status = "Decommissioned", device.Version }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);

        var (stored, planted) = await app.WithDbAsync(async (db, _) => (
            await db.Devices.SingleAsync(d => d.Id == device.Id),
            await db.Devices.AnyAsync(d => d.SerialNumber.StartsWith("HIJACK"))));
        Assert.Equal((device.SerialNumber, DeviceStatus.Active, device.Version), (stored.SerialNumber, stored.Status, stored.Version));
        Assert.False(planted);
    }

    [DbFact]
    public async Task An_executive_reads_the_fleet_but_cannot_change_it()
    {
        var territory = await app.CreateTerritoryAsync();
        var account = await app.CreateAccountAsync(territory.Id);
        var product = await ProductAsync();
        var device = await DeviceAsync(account.Id, product.Id, Today.AddYears(-4));
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);
        var client = await Admin.AdminClient.SignInWithCodeAsync(app, executive);

        var fleet = await client.GetAsync($"/accounts/{account.Id}/devices");
        var api = await client.GetFromJsonAsync<ApiPage<DeviceList.Row>>($"/api/devices?accountId={account.Id}", Json.Options);
        var status = await client.PostAsJsonAsync($"/api/devices/{device.Id}/status", new { Status = "Decommissioned", device.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.OK, fleet.StatusCode);
        Assert.DoesNotContain("/devices/new", await fleet.Content.ReadAsStringAsync());
        Assert.Equal([device.Id], api!.Items.Select(d => d.Id));
        Assert.True(status.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"status change answered {(int)status.StatusCode}");
        Assert.Equal(DeviceStatus.Active, await app.WithDbAsync(async (db, _) => (await db.Devices.FindAsync(device.Id))!.Status));
    }
}

public sealed class InstallBaseTestsOnSqlite(SqliteAppFactory app) : InstallBaseTests(app), IClassFixture<SqliteAppFactory>;

public sealed class InstallBaseTestsOnPostgreSql(PostgreSqlAppFactory app) : InstallBaseTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Targets;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedTechAccounts.IntegrationTests.Features.Commercial.CommercialWorld;

namespace MedTechAccounts.IntegrationTests.Features.Commercial;

/// <summary>Quarterly targets: executives and admins set them (create or update by quarter, scope and key), managers read, reps do not see them.</summary>
public abstract class TargetsTests(AppFactory app)
{
    private async Task<HttpClient> ExecutiveAsync() => await app.SignInWithCodeAsync(await app.CreateUserAsync(Roles.Executive, twoFactor: true));

    /// <summary>A fiscal year of its own per test (the app's fiscal year starts in January), so tests do not share targets.</summary>
    private static int Year() => 2000 + Random.Shared.Next(0, 25);

    [DbFact]
    public async Task An_executive_sets_a_target_and_setting_the_same_quarter_scope_and_key_again_updates_it()
    {
        var executive = await ExecutiveAsync();
        var territory = await app.CreateTerritoryAsync();
        var year = Year();

        var first = await executive.PostAsJsonAsync("/api/targets",
            new { FiscalYear = year, FiscalQuarter = 3, Scope = "Region", ScopeKey = territory.Region.ToLowerInvariant(), RevenueTarget = 1_000_000m }, Json.Options);
        var second = await executive.PostAsJsonAsync("/api/targets",
            new { FiscalYear = year, FiscalQuarter = 3, Scope = "Region", ScopeKey = territory.Region, RevenueTarget = 1_200_000m }, Json.Options);
        var unknown = await executive.PostAsJsonAsync("/api/targets",
            new { FiscalYear = year, FiscalQuarter = 3, Scope = "Territory", ScopeKey = "No such territory", RevenueTarget = 1m }, Json.Options);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<SetQuarterlyTarget.Result>(Json.Options);
        var updated = await second.Content.ReadFromJsonAsync<SetQuarterlyTarget.Result>(Json.Options);
        Assert.Equal(created!.Id, updated!.Id);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["ScopeKey"], (await unknown.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        var list = await executive.GetFromJsonAsync<PagedResult<TargetList.Row>>($"/api/targets?fiscalYear={year}&scope=Region", Json.Options);
        var row = Assert.Single(list!.Items, t => t.ScopeKey == territory.Region);
        Assert.Equal(($"{year}-Q3", new DateOnly(year, 7, 1), new DateOnly(year, 9, 30), 1_200_000m), (row.Quarter, row.QuarterStart, row.QuarterEnd, row.RevenueTarget));
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.Entity == nameof(QuarterlyTarget) && e.EntityId == created.Id.ToString() && e.Field == nameof(QuarterlyTarget.RevenueTarget)).CountAsync());
        Assert.Equal(2, audit);
    }

    [DbFact]
    public async Task Updating_a_target_with_a_stale_version_answers_409_and_taking_another_targets_key_answers_400()
    {
        var (admin, _) = await app.SignedInAdminAsync();
        var year = Year();
        var q1 = await admin.PostAsJsonAsync("/api/targets", new { FiscalYear = year, FiscalQuarter = 1, Scope = "Company", RevenueTarget = 5_000_000m }, Json.Options);
        var q2 = await admin.PostAsJsonAsync("/api/targets", new { FiscalYear = year, FiscalQuarter = 2, Scope = "Company", RevenueTarget = 6_000_000m }, Json.Options);
        var url = q2.Headers.Location!.AbsolutePath;
        var original = await admin.GetFromJsonAsync<TargetList.Row>(url, Json.Options);

        var onto = await admin.PutAsJsonAsync(url, new { FiscalYear = year, FiscalQuarter = 1, Scope = "Company", RevenueTarget = 1m, original!.Version }, Json.Options);
        var ok = await admin.PutAsJsonAsync(url, new { FiscalYear = year, FiscalQuarter = 2, Scope = "Company", RevenueTarget = 6_500_000m, original.Version }, Json.Options);
        var stale = await admin.PutAsJsonAsync(url, new { FiscalYear = year, FiscalQuarter = 2, Scope = "Company", RevenueTarget = 7_000_000m, original.Version }, Json.Options);
        var staleUpsert = await admin.PostAsJsonAsync("/api/targets",
            new { FiscalYear = year, FiscalQuarter = 2, Scope = "Company", RevenueTarget = 7_000_000m, original.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.Created, q1.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, onto.StatusCode);
        Assert.Equal(["ScopeKey"], (await onto.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleUpsert.StatusCode);
        var stored = await admin.GetFromJsonAsync<TargetList.Row>(url, Json.Options);
        Assert.Equal(6_500_000m, stored!.RevenueTarget);
    }

    [DbFact]
    public async Task An_admin_sets_a_target_through_the_form_and_a_bad_key_is_shown_on_the_form()
    {
        var (admin, _) = await app.SignedInAdminAsync();
        var product = await app.ProductAsync(family: $"Family {Guid.NewGuid():N}"[..20]);
        var year = Year();

        var bad = await AppFactory.PostFormAsync(admin, "/targets/new", "/targets/new", new Dictionary<string, string?>
        {
            ["FiscalYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["FiscalQuarter"] = "4", ["Scope"] = "ProductFamily",
            ["ScopeKey"] = "Teleportation", ["RevenueTarget"] = "250000",
        });
        var good = await AppFactory.PostFormAsync(admin, "/targets/new", "/targets/new", new Dictionary<string, string?>
        {
            ["FiscalYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["FiscalQuarter"] = "4", ["Scope"] = "ProductFamily",
            ["ScopeKey"] = product.Family, ["RevenueTarget"] = "250000",
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Scope key must name an existing product family.", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = await admin.GetStringAsync(good.Headers.Location!.OriginalString);
        Assert.Contains($"{year}-Q4", page);
        Assert.Contains(product.Family, page);
        var stored = await app.WithDbAsync(async (db, _) => await db.QuarterlyTargets.SingleAsync(t => t.ScopeKey == product.Family));
        Assert.Equal((year, 4, TargetScope.ProductFamily, 250000m), (stored.FiscalYear, stored.FiscalQuarter, stored.Scope, stored.RevenueTarget));
        var edit = await admin.GetStringAsync($"/targets/{stored.Id}/edit");
        Assert.Contains($"value=\"{stored.Version}\"", edit);
    }

    [DbFact]
    public async Task A_manager_reads_the_targets_of_their_region_and_company_wide_ones_but_not_another_regions_and_an_executive_reads_all()
    {
        // A year no other test uses: the company target of a year is unique.
        var year = 2100 + Random.Shared.Next(0, 100);
        var mine = await app.CreateTerritoryAsync();
        var theirs = await app.CreateTerritoryAsync();
        var myRep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var theirRep = await app.CreateUserAsync(Roles.Rep, [theirs.Id]);
        var family = Unique("FAM");
        var product = await app.ProductAsync(family: family);
        var manager = await app.CreateUserAsync(Roles.Manager, region: mine.Region);
        var targets = await app.WithDbAsync(async (db, _) =>
        {
            QuarterlyTarget[] all =
            [
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Region, ScopeKey = mine.Region, RevenueTarget = 1m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Territory, ScopeKey = mine.Name, RevenueTarget = 2m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Rep, ScopeKey = myRep.Email!, RevenueTarget = 3m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Company, ScopeKey = "", RevenueTarget = 4m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.ProductFamily, ScopeKey = product.Family, RevenueTarget = 5m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Region, ScopeKey = theirs.Region, RevenueTarget = 6m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Territory, ScopeKey = theirs.Name, RevenueTarget = 7m },
                new() { FiscalYear = year, FiscalQuarter = 1, Scope = TargetScope.Rep, ScopeKey = theirRep.Email!, RevenueTarget = 8m },
            ];
            db.QuarterlyTargets.AddRange(all);
            await db.SaveChangesAsync();
            return all;
        });
        var now = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.QuarterlyTargets.AddRange(
                new QuarterlyTarget { FiscalYear = now.Year, FiscalQuarter = ((now.Month - 1) / 3) + 1, Scope = TargetScope.Region, ScopeKey = mine.Region, RevenueTarget = 10m },
                new QuarterlyTarget { FiscalYear = now.Year, FiscalQuarter = ((now.Month - 1) / 3) + 1, Scope = TargetScope.Region, ScopeKey = theirs.Region, RevenueTarget = 9m });
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(manager);
        var executive = await ExecutiveAsync();
        var ownQuarter = await client.GetFromJsonAsync<QuarterlyView.Result>($"/api/quarters?scope=Region&key={Uri.EscapeDataString(mine.Region)}&quarters=1", Json.Options);
        var foreignQuarter = await client.GetFromJsonAsync<QuarterlyView.Result>($"/api/quarters?scope=Region&key={Uri.EscapeDataString(theirs.Region)}&quarters=1", Json.Options);
        Assert.Equal(10m, Assert.Single(ownQuarter!.Quarters).Target);
        Assert.Null(Assert.Single(foreignQuarter!.Quarters).Target);

        var list = await client.GetFromJsonAsync<PagedResult<TargetList.Row>>($"/api/targets?fiscalYear={year}&pageSize=100", Json.Options);
        var page = await client.GetStringAsync($"/targets?FiscalYear={year}&PageSize=100");
        var csv = await client.GetStringAsync($"/targets?FiscalYear={year}&format=csv");
        var foreignOne = await client.GetAsync($"/api/targets/{targets[5].Id}");
        var ownOne = await client.GetAsync($"/api/targets/{targets[0].Id}");
        var all = await executive.GetFromJsonAsync<PagedResult<TargetList.Row>>($"/api/targets?fiscalYear={year}&pageSize=100", Json.Options);

        Assert.Equal([1m, 2m, 3m, 4m, 5m], list!.Items.Select(t => t.RevenueTarget).Order());
        Assert.Equal(5, list.TotalCount);
        foreach (var foreignKey in new[] { theirs.Region, theirs.Name, theirRep.Email! })
        {
            Assert.DoesNotContain(foreignKey, page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(foreignKey, csv, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(mine.Name, page);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (foreignOne.StatusCode, ownOne.StatusCode));
        Assert.Equal(8, all!.TotalCount);
    }

    [DbFact]
    public async Task A_manager_reads_targets_but_cannot_set_them_and_a_rep_cannot_see_them()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var rep = await app.SignedInAsync(Roles.Rep);

        var page = await manager.Client.GetAsync("/targets");
        var api = await manager.Client.GetAsync("/api/targets");
        var set = await manager.Client.PostAsJsonAsync("/api/targets", new { FiscalYear = 2024, FiscalQuarter = 1, Scope = "Company", RevenueTarget = 1m }, Json.Options);
        var form = await manager.Client.GetAsync("/targets/new");
        var repPage = await rep.Client.GetAsync("/targets");
        var repApi = await rep.Client.GetAsync("/api/targets");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("/targets/new", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, repPage.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", repPage.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, repApi.StatusCode);
    }
}

public sealed class TargetsTestsOnSqlite(SqliteAppFactory app) : TargetsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TargetsTestsOnPostgreSql(PostgreSqlAppFactory app) : TargetsTests(app), IClassFixture<PostgreSqlAppFactory>;

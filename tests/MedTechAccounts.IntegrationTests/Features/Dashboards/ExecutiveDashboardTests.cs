using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Dashboards;

/// <summary>The executive dashboard: quarters by region and product family, the latest fit's backtest, and its CSV and workbook exports.</summary>
public abstract class ExecutiveDashboardTests(AppFactory app)
{
    private static readonly FiscalCalendar Calendar = new();

    private sealed record World(string Region, string Family, FiscalQuarter Previous, ClvFit Fit);

    private async Task<World> CreateAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var family = $"F-{Guid.NewGuid():N}"[..12];
        var (inRegion, elsewhere) = (await app.CreateTerritoryAsync(region), await app.CreateTerritoryAsync());
        var (a, b) = (await app.CreateAccountAsync(inRegion.Id), await app.CreateAccountAsync(elsewhere.Id));
        var previous = Calendar.QuarterOf(DateOnly.FromDateTime(DateTime.UtcNow)).Previous();
        var day = Calendar.Start(previous).AddDays(10);
        var fit = await app.WithDbAsync(async (db, _) =>
        {
            var ours = new Product { Sku = $"F-{Guid.NewGuid():N}"[..14], Name = "Stapler", Family = family, Category = ProductCategory.Consumable, ListPrice = 100m };
            var other = new Product { Sku = $"G-{Guid.NewGuid():N}"[..14], Name = "Monitor", Family = $"G-{Guid.NewGuid():N}"[..12], Category = ProductCategory.Capital, ListPrice = 9_000m, ServiceLifeMonths = 96 };
            Order Order(Account account, Product product, decimal net) => new()
            {
                ExternalId = $"O-{Guid.NewGuid():N}"[..20], AccountId = account.Id, OrderDate = day, Type = OrderType.Consumable,
                Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = net, NetAmount = net }],
            };
            var fit = new ClvFit
            {
                FittedAt = DateTime.UtcNow.AddYears(1), DataFrom = new DateOnly(2022, 1, 3), DataTo = new DateOnly(2026, 11, 1), Accounts = 200,
                RepeatModel = "bgnbd", RepeatParameters = """{"r":0.5,"alpha":4,"a":0.8,"b":2.4}""", RepeatConverged = true, BacktestMeanAbsoluteError = 0.42,
                Backtest = """{"calibrationEnd":"2026-02-01","holdoutEnd":"2026-11-01","customers":200,"actualTransactions":410,"predictedTransactions":398.5,"meanAbsoluteError":0.42,"naiveMeanAbsoluteError":0.61,"buckets":[{"frequency":"0","customers":50,"predicted":0.4,"actual":0.5,"naive":0},{"frequency":"1","customers":60,"predicted":1.2,"actual":1.1,"naive":1.3}]}""",
            };
            db.AddRange(
                Order(a, ours, 10_000m), Order(a, other, 5_000m), Order(b, ours, 7_000m), fit,
                new QuarterlyTarget { FiscalYear = previous.Year, FiscalQuarter = previous.Quarter, Scope = TargetScope.Region, ScopeKey = region, RevenueTarget = 20_000m },
                new QuarterlyTarget { FiscalYear = previous.Year, FiscalQuarter = previous.Quarter, Scope = TargetScope.ProductFamily, ScopeKey = family, RevenueTarget = 30_000m });
            await db.SaveChangesAsync();
            return fit;
        });
        return new World(region, family, previous, fit);
    }

    private async Task<ExecutiveDashboard.Result> GetAsync(string? region, string? family)
    {
        var executive = await app.CreateUserAsync(Roles.Executive);
        return await app.SendAsAsync(TestUser.Of(executive, Roles.Executive), s => s.Send(new ExecutiveDashboard.Query { Region = region, Family = family }));
    }

    [DbFact]
    public async Task A_region_a_family_and_a_family_within_a_region_each_sum_their_own_revenue_against_their_target()
    {
        var world = await CreateAsync();

        var region = (await GetAsync(world.Region, null)).View.Quarters.Single(q => q.Quarter == world.Previous.Label);
        var family = (await GetAsync(null, world.Family)).View.Quarters.Single(q => q.Quarter == world.Previous.Label);
        var both = await GetAsync(world.Region, world.Family);
        var bothQuarter = both.View.Quarters.Single(q => q.Quarter == world.Previous.Label);

        Assert.Equal((15_000m, (decimal?)20_000m, (double?)0.75), (region.Revenue, region.Target, region.Attainment));
        Assert.Equal((17_000m, (decimal?)30_000m), (family.Revenue, family.Target));
        Assert.Null(family.ClvStart);
        Assert.Equal((10_000m, (decimal?)null, (decimal?)null), (bothQuarter.Revenue, bothQuarter.Target, bothQuarter.ClvStart));
        Assert.Equal((TargetScope.Region, world.Region), (both.Scope, both.ScopeKey));
        Assert.Equal(9, both.View.Quarters.Count);
        Assert.True(both.View.Quarters[^1].Current);
    }

    [DbFact]
    public async Task The_backtest_comes_from_the_latest_fit_with_its_buckets_and_mean_absolute_error()
    {
        var world = await CreateAsync();

        var backtest = (await GetAsync(null, null)).Backtest!;

        Assert.Equal(world.Fit.Id, backtest.FitId);
        Assert.Equal((0.42, 0.61, 200, 410.0, 398.5), (backtest.MeanAbsoluteError, backtest.NaiveMeanAbsoluteError, backtest.Customers, backtest.ActualTransactions, backtest.PredictedTransactions));
        Assert.Equal([("0", 0.4, 0.5), ("1", 1.2, 1.1)], backtest.Buckets.Select(b => (b.Frequency, b.Predicted, b.Actual)));
        Assert.Equal(new DateOnly(2026, 2, 1), backtest.CalibrationEnd);
    }

    [DbFact]
    public async Task A_quarter_without_a_target_links_an_executive_to_the_target_form_opened_on_its_quarter_scope_and_key()
    {
        var world = await CreateAsync();
        var current = Calendar.QuarterOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var client = await app.SignInWithCodeAsync(await app.CreateUserAsync(Roles.Executive, twoFactor: true));

        var page = await client.GetStringAsync($"/dashboards/executive?Region={world.Region}");
        var link = $"/targets/new?fiscalYear={current.Year}&amp;fiscalQuarter={current.Quarter}&amp;scope=Region&amp;scopeKey={world.Region}";
        var form = await client.GetStringAsync(link.Replace("&amp;", "&", StringComparison.Ordinal));

        Assert.Contains(link, page, StringComparison.Ordinal);
        Assert.Contains("href=\"/targets\"", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{world.Region}\"", form, StringComparison.Ordinal);
        Assert.Matches("<option value=\"Region\" selected", form);
        Assert.Matches($"<option value=\"{current.Quarter}\" selected", form);
    }

    [DbFact]
    public async Task The_quarter_view_exports_to_csv_and_to_a_workbook_with_one_sheet_per_table_and_a_manager_is_refused()
    {
        var world = await CreateAsync();
        var client = await app.SignInWithCodeAsync(await app.CreateUserAsync(Roles.Executive, twoFactor: true));
        var manager = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager, region: world.Region));

        var csv = await client.GetStringAsync($"/dashboards/executive/quarters.csv?Region={world.Region}");
        var response = await client.GetAsync($"/dashboards/executive/quarters.xlsx?Region={world.Region}");
        var page = await client.GetStringAsync($"/dashboards/executive?Region={world.Region}");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith($"{world.Previous.Label},", lines[8], StringComparison.Ordinal);
        Assert.Contains(",15000,20000,0.75,", lines[8], StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Quarters", "Hit while CLV fell", "CLV backtest", "About"], sheets.Select(s => s.Name!.Value));
        var quarters = (WorksheetPart)workbook.WorkbookPart.GetPartById(sheets[0].Id!);
        var rows = quarters.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(world.Previous.Label, rows[8].Elements<Cell>().First().InnerText);
        var revenue = rows[8].Elements<Cell>().Single(c => c.CellReference == "E9");
        Assert.Equal(("15000", DocumentFormat.OpenXml.Spreadsheet.CellValues.Number), (revenue.CellValue!.Text, revenue.DataType!.Value));
        Assert.Contains("Revenue against target", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.GetAsync("/dashboards/executive")).StatusCode);
    }
}

public sealed class ExecutiveDashboardTestsOnSqlite(SqliteAppFactory app) : ExecutiveDashboardTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ExecutiveDashboardTestsOnPostgreSql(PostgreSqlAppFactory app) : ExecutiveDashboardTests(app), IClassFixture<PostgreSqlAppFactory>;

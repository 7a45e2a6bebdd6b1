using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Web.Features.Dashboards;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Dashboards;

/// <summary>The pure pieces of the dashboards: weeks, rankings, the region/family mapping, short money and the workbook writer.</summary>
public sealed class DashboardHelpersTests
{
    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // Monday
    [InlineData("2026-11-28", "2026-11-23")] // Saturday
    [InlineData("2026-11-29", "2026-11-23")] // Sunday belongs to the week that began on Monday
    [InlineData("2026-01-01", "2025-12-29")]
    public void A_week_starts_on_its_monday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), TeamActivity.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Twelve_weeks_end_with_the_current_one_oldest_first()
    {
        var weeks = TeamActivity.WeeksEndingWith(new DateOnly(2026, 11, 28), 12);

        Assert.Equal(12, weeks.Count);
        Assert.Equal(new DateOnly(2026, 11, 23), weeks[^1]);
        Assert.Equal(new DateOnly(2026, 9, 7), weeks[0]);
        Assert.All(weeks.Zip(weeks.Skip(1)), p => Assert.Equal(7, p.Second.DayNumber - p.First.DayNumber));
    }

    private static ScoredAccount Scored(string name, double health, decimal clv, RiskTier tier, double repDependency = 100) =>
        new() { AccountId = Guid.NewGuid(), AccountName = name, HealthScore = health, Clv = clv, RiskTier = tier, RepDependency = repDependency };

    [Fact]
    public void Value_at_stake_is_the_clv_times_the_missing_health()
    {
        Assert.Equal(80_000m, Scored("A", 20, 100_000m, RiskTier.AtRisk).ValueAtStake);
        Assert.Equal(0m, ValueAtStakeRule.Of(100_000m, 100));
        Assert.Equal(100_000m, ValueAtStakeRule.Of(100_000m, -5));
    }

    [Fact]
    public void Tiers_list_worst_first_with_empty_tiers_and_sums()
    {
        var tiers = ManagerDashboard.TiersOf([Scored("A", 20, 100m, RiskTier.AtRisk), Scored("B", 30, 200m, RiskTier.AtRisk), Scored("C", 80, 50m, RiskTier.Healthy)]);

        Assert.Equal([("At risk", 2, 300m, 220m), ("Watch", 0, 0m, 0m), ("Healthy", 1, 50m, 10m)], tiers.Select(t => (t.Name, t.Accounts, t.Clv, t.ValueAtStake)));
    }

    [Fact]
    public void A_ranking_leaves_out_full_scores_and_breaks_ties_by_the_larger_clv()
    {
        var ranked = ManagerDashboard.Ranked(
            [Scored("Full", 50, 1m, RiskTier.Watch, 100), Scored("Small", 50, 10m, RiskTier.Watch, 20), Scored("Big", 50, 90m, RiskTier.Watch, 20), Scored("Worst", 50, 5m, RiskTier.Watch, 5)],
            s => s.RepDependency);

        Assert.Equal(["Worst", "Big", "Small"], ranked.Select(s => s.AccountName));
    }

    [Theory]
    [InlineData(null, null, TargetScope.Company, null, null)]
    [InlineData("East", null, TargetScope.Region, "East", null)]
    [InlineData(" ", "Ventilation", TargetScope.ProductFamily, "Ventilation", null)]
    [InlineData("East", "Ventilation", TargetScope.Region, "East", "Ventilation")]
    public void Region_and_family_map_to_one_quarterly_view(string? region, string? family, TargetScope scope, string? key, string? narrowedTo)
    {
        var view = ExecutiveDashboard.ViewOf(new ExecutiveDashboard.Query { Region = region, Family = family });

        Assert.Equal((scope, key, narrowedTo, 9), (view.Scope, view.Key, view.Family, view.Quarters));
    }

    [Fact]
    public void A_fit_without_a_stored_backtest_still_names_itself()
    {
        var fit = new ClvFit { FittedAt = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc), RepeatModel = "bgnbd", BacktestMeanAbsoluteError = 0.3 };

        var backtest = ExecutiveDashboard.BacktestOf(fit);

        Assert.Equal((fit.Id, "bgnbd", 0.3, 0), (backtest.FitId, backtest.Model, backtest.MeanAbsoluteError, backtest.Buckets.Count));
    }

    [Theory]
    [InlineData(1_234_567, "USD 1.23M")]
    [InlineData(350_400, "USD 350k")]
    [InlineData(12_500, "USD 12.5k")]
    [InlineData(9_999, "USD 9,999")]
    [InlineData(-25_000, "-USD 25k")]
    public void Money_is_short_enough_for_a_projector(double value, string text) => Assert.Equal(text, new MoneyFormat().Short((decimal)value));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Workbook_columns_are_lettered_like_a_spreadsheet(int index, string name) => Assert.Equal(name, XlsxDownload.ColumnName(index));

    [Fact]
    public void A_workbook_has_one_sheet_per_table_with_numbers_as_numbers_and_formulas_as_text()
    {
        using var stream = new MemoryStream();
        XlsxDownload.Write(stream,
        [
            new XlsxSheet("Quarters: all/of them", ["Quarter", "Revenue"], [["2026-Q3", 15_000.5m], ["=HYPERLINK(\"x\")", null]]),
            new XlsxSheet("Second", ["Flag"], [[true]]),
        ]);
        stream.Position = 0;

        using var document = SpreadsheetDocument.Open(stream, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Quarters allof them", "Second"], sheets.Select(s => s.Name!.Value));
        var rows = ((WorksheetPart)document.WorkbookPart.GetPartById(sheets[0].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var revenue = rows[1].Elements<Cell>().Single(c => c.CellReference == "B2");
        Assert.Equal(("15000.5", CellValues.Number), (revenue.CellValue!.Text, revenue.DataType!.Value));
        var formula = rows[2].Elements<Cell>().Single(c => c.CellReference == "A3");
        Assert.Equal((CellValues.InlineString, "=HYPERLINK(\"x\")"), (formula.DataType!.Value, formula.InnerText));
        Assert.Null(formula.CellFormula);
    }
}

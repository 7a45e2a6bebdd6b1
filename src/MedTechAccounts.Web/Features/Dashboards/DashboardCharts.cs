using System.Globalization;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.Dashboards;

/// <summary>The dashboards' charts, each with its table view (the shared <c>_Chart</c> partial draws both).</summary>
public static class DashboardCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Percent(double? share) => share is { } s ? s.ToString("0.0%", Inv) : "—";

    private static ChartCell MoneyCell(decimal? value, MoneyFormat money) => new(value is { } v ? (double)v : null, money.Short(value));

    public static ChartModel Tiers(ManagerDashboard.Result r) => new(
        "tier-chart", "Accounts by risk tier", "bar", "Tier", ["Accounts"],
        [.. r.Tiers.Select(t => new ChartRow(t.Name, [ChartCell.Of(t.Accounts)]))]);

    public static ChartModel Activity(TeamActivity.Result r) => new(
        "activity-chart", "Interactions per rep per week, last 12 weeks", "line", "Week of", [.. r.Reps.Select(p => p.RepName)],
        [.. r.Weeks.Select((w, i) => new ChartRow(w.ToString("d MMM", Inv), [.. r.Reps.Select(p => ChartCell.Of(p.PerWeek[i]))]))],
        YTitle: "Interactions");

    public static ChartModel Revenue(QuarterlyView.Result v, MoneyFormat money) => new(
        "revenue-chart", "Revenue against target per fiscal quarter", "bar", "Quarter", ["Revenue", "Target", "Discount-bought"],
        [.. v.Quarters.Select(q => new ChartRow(q.Current ? q.Quarter + " (so far)" : q.Quarter,
            [MoneyCell(q.Revenue, money), MoneyCell(q.Target, money), MoneyCell(q.DiscountBoughtRevenue, money)]))],
        YTitle: money.Title("Revenue"));

    public static ChartModel Clv(QuarterlyView.Result v, MoneyFormat money) => new(
        "clv-chart", "Summed CLV at the start and end of each fiscal quarter", "line", "Quarter", ["CLV at start", "CLV at end"],
        [.. v.Quarters.Select(q => new ChartRow(q.Quarter, [MoneyCell(q.ClvStart, money), MoneyCell(q.ClvEnd, money)]))],
        YTitle: money.Title("CLV"), BeginAtZero: false);

    public static ChartModel Backtest(ExecutiveDashboard.FitBacktest fit) => new(
        "backtest-chart", "CLV model backtest: predicted against actual holdout orders per account, by calibration orders", "bar",
        "Orders in calibration", ["Predicted", "Actual"],
        [.. fit.Buckets.Select(b => new ChartRow(b.Frequency, [ChartCell.Of(b.Predicted, "0.00"), ChartCell.Of(b.Actual, "0.00")]))],
        YTitle: "Holdout orders per account");
}

using System.Globalization;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.Dashboards;

/// <summary>The dashboards' tables as CSV downloads and the executive quarter view as a workbook (one sheet per table).</summary>
public static class DashboardExports
{
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static CsvDownload Tiers(ManagerDashboard.Result r) => CsvDownload.Of("tiers.csv", r.Tiers,
        new CsvColumn<ManagerDashboard.TierRow>("Tier", t => t.Name),
        new CsvColumn<ManagerDashboard.TierRow>("Accounts", t => t.Accounts),
        new CsvColumn<ManagerDashboard.TierRow>("CLV", t => t.Clv, Money: true),
        new CsvColumn<ManagerDashboard.TierRow>("Value at stake", t => t.ValueAtStake, Money: true));

    public static CsvDownload Accounts(DashboardAccounts.Result r) => CsvDownload.Of(
        $"{r.List.ToString().ToLowerInvariant()}{(r.Tier is { } t ? "-" + t.ToString().ToLowerInvariant() : "")}.csv", r.Rows,
        new CsvColumn<DashboardAccounts.Row>("Account", x => x.Account.AccountName),
        new CsvColumn<DashboardAccounts.Row>("Territory", x => x.Account.TerritoryName),
        new CsvColumn<DashboardAccounts.Row>("Rep", x => x.Account.OwnerRepName),
        new CsvColumn<DashboardAccounts.Row>("Segment", x => Words.Of(x.Account.AccountSegment)),
        new CsvColumn<DashboardAccounts.Row>("Tier", x => ManagerDashboard.TierName(x.Account.RiskTier)),
        new CsvColumn<DashboardAccounts.Row>("Health", x => Math.Round(x.Account.HealthScore, 1)),
        new CsvColumn<DashboardAccounts.Row>("Sub-score", x => x.SubScore),
        new CsvColumn<DashboardAccounts.Row>("CLV", x => x.Account.Clv, Money: true),
        new CsvColumn<DashboardAccounts.Row>("Value at stake", x => x.Account.ValueAtStake, Money: true),
        new CsvColumn<DashboardAccounts.Row>("Reason", x => x.Reason),
        new CsvColumn<DashboardAccounts.Row>("Score as of", x => x.Account.AsOf));

    public static CsvDownload SlaBreaches(SlaBreaches.Result r) => CsvDownload.Of("sla-breaches.csv", r.Rows,
        new CsvColumn<IncidentList.Row>("Incident", x => x.ExternalId),
        new CsvColumn<IncidentList.Row>("Account", x => x.AccountName),
        new CsvColumn<IncidentList.Row>("Territory", x => x.TerritoryName),
        new CsvColumn<IncidentList.Row>("Severity", x => Words.Of(x.Severity)),
        new CsvColumn<IncidentList.Row>("SLA", x => IncidentSla.Label(x.Sla)),
        new CsvColumn<IncidentList.Row>("Opened", x => x.OpenedAt),
        new CsvColumn<IncidentList.Row>("Response deadline", x => x.ResponseDeadline),
        new CsvColumn<IncidentList.Row>("First response", x => x.FirstResponseAt),
        new CsvColumn<IncidentList.Row>("Device", x => x.DeviceSerialNumber));

    public static CsvDownload Activity(TeamActivity.Result r) => CsvDownload.Of("team-activity.csv", r.Reps,
        [new CsvColumn<TeamActivity.RepRow>("Rep", x => x.RepName),
            .. r.Weeks.Select((w, i) => new CsvColumn<TeamActivity.RepRow>($"Week of {Iso(w)}", x => x.PerWeek[i])),
            new CsvColumn<TeamActivity.RepRow>("Total", x => x.Total)]);

    public static CsvDownload Playbooks(PlaybookEffects.Result r) => CsvDownload.Of("playbook-effects.csv", r.Rows,
        new CsvColumn<PlaybookEffects.Row>("Playbook", x => x.Name),
        new CsvColumn<PlaybookEffects.Row>("Open", x => x.Open),
        new CsvColumn<PlaybookEffects.Row>("Done", x => x.Done),
        new CsvColumn<PlaybookEffects.Row>("Dismissed", x => x.Dismissed),
        new CsvColumn<PlaybookEffects.Row>("With a result", x => x.WithResult),
        new CsvColumn<PlaybookEffects.Row>("Mean signal change (points)", x => x.MeanSignalChange),
        new CsvColumn<PlaybookEffects.Row>("Share improved", x => x.ShareImproved));

    private static readonly CsvColumn<QuarterlyView.QuarterRow>[] QuarterColumns =
    [
        new("Quarter", q => q.Quarter),
        new("Start", q => q.Start),
        new("End", q => q.End),
        new("Current", q => q.Current),
        new("Revenue", q => q.Revenue, Money: true),
        new("Target", q => q.Target, Money: true),
        new("Attainment", q => q.Attainment),
        new("Discount-bought revenue", q => q.DiscountBoughtRevenue, Money: true),
        new("Discount-bought share", q => q.DiscountBoughtShare),
        new("CLV at start", q => q.ClvStart, Money: true),
        new("CLV at end", q => q.ClvEnd, Money: true),
        new("CLV change", q => q.ClvChange, Money: true),
        new("Forecast", q => q.Forecast, Money: true),
        new("Accounts hit while CLV fell", q => q.HitWhileClvFell.Count),
    ];

    private sealed record HitRow(string Quarter, QuarterlyView.HitWhileClvFell Hit);

    private static readonly CsvColumn<HitRow>[] HitColumns =
    [
        new("Quarter", h => h.Quarter),
        new("Account", h => h.Hit.Name),
        new("Revenue", h => h.Hit.Revenue, Money: true),
        new("Usual quarterly revenue", h => h.Hit.UsualRevenue, Money: true),
        new("CLV at start", h => h.Hit.ClvStart, Money: true),
        new("CLV at end", h => h.Hit.ClvEnd, Money: true),
        new("CLV change", h => h.Hit.ClvEnd - h.Hit.ClvStart, Money: true),
    ];

    private static readonly CsvColumn<ExecutiveDashboard.Bucket>[] BucketColumns =
    [
        new("Calibration orders", b => b.Frequency),
        new("Accounts", b => b.Customers),
        new("Predicted orders per account", b => Math.Round(b.Predicted, 4)),
        new("Actual orders per account", b => Math.Round(b.Actual, 4)),
        new("Naive prediction", b => Math.Round(b.Naive, 4)),
    ];

    private static IEnumerable<HitRow> Hits(ExecutiveDashboard.Result r) =>
        r.View.Quarters.Reverse().SelectMany(q => q.HitWhileClvFell.Select(h => new HitRow(q.Quarter, h)));

    private static string Suffix(ExecutiveDashboard.Result r) => r.ScopeKey.Length == 0 && r.Family is null ? "company" : string.Join('-',
        new[] { r.Region, r.Family ?? (r.Region is null ? r.ScopeKey : null) }.Where(s => s is not null)).Replace(' ', '-').ToLowerInvariant();

    public static CsvDownload Quarters(ExecutiveDashboard.Result r) => CsvDownload.Of($"quarters-{Suffix(r)}.csv", r.View.Quarters, QuarterColumns);

    public static CsvDownload HitWhileClvFell(ExecutiveDashboard.Result r) => CsvDownload.Of($"hit-while-clv-fell-{Suffix(r)}.csv", Hits(r), HitColumns);

    public static CsvDownload Backtest(ExecutiveDashboard.Result r) => CsvDownload.Of("clv-backtest.csv", r.Backtest?.Buckets ?? [], BucketColumns);

    public static XlsxDownload Workbook(ExecutiveDashboard.Result r)
    {
        var fit = r.Backtest;
        var about = new List<(string Item, object? Value)>
        {
            ("Scope", Words.Of(r.Scope)),
            ("Region", r.Region ?? "All"),
            ("Product family", r.Family ?? "All"),
            ("As of", r.View.Today),
            ("CLV fit", fit is null ? "none yet" : $"{fit.Model} fitted {fit.FittedAt:yyyy-MM-dd HH:mm} UTC"),
            ("Backtest mean absolute error", fit?.MeanAbsoluteError),
            ("Naive mean absolute error", fit?.NaiveMeanAbsoluteError),
            ("Why this model", fit?.Reason),
        };
        return XlsxDownload.Of($"quarters-{Suffix(r)}.xlsx",
            XlsxSheet.Of("Quarters", r.View.Quarters, QuarterColumns),
            XlsxSheet.Of("Hit while CLV fell", Hits(r), HitColumns),
            XlsxSheet.Of("CLV backtest", fit?.Buckets ?? [], BucketColumns),
            XlsxSheet.Of("About", about, new CsvColumn<(string Item, object? Value)>("Item", a => a.Item), new CsvColumn<(string Item, object? Value)>("Value", a => a.Value)));
    }
}

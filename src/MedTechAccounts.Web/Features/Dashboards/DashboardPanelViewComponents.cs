using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Features.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Dashboards;

/// <summary>The manager dashboard's incident SLA breaches for its filter.</summary>
public sealed class SlaBreachesPanelViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DashboardFilter filter) =>
        View("~/Views/Dashboards/_SlaBreachesPanel.cshtml", new SlaBreachesPage(filter, await sender.Send(new SlaBreaches.Query { Filter = filter })));
}

/// <summary>The manager dashboard's team activity (interactions per rep per week) for its filter.</summary>
public sealed class TeamActivityPanelViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DashboardFilter filter) =>
        View("~/Views/Dashboards/_TeamActivityPanel.cshtml", new ActivityPage(filter, null, null, await sender.Send(new TeamActivity.Query { Filter = filter })));
}

/// <summary>The manager dashboard's playbook effects for its filter.</summary>
public sealed class PlaybookEffectsPanelViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DashboardFilter filter) =>
        View("~/Views/Dashboards/_PlaybookEffectsPanel.cshtml", new PlaybookPanel(filter, await sender.Send(new PlaybookEffects.Query { Filter = filter })));
}

public sealed record PlaybookPanel(DashboardFilter Filter, PlaybookEffects.Result Result);

/// <summary>Query strings of the dashboard links, so every drill-down and export keeps the page's filter.</summary>
public static class DashboardLinks
{
    public static string With(string path, DashboardFilter filter, IDictionary<string, string?>? more = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["TerritoryId"] = filter.TerritoryId?.ToString(),
            ["Segment"] = filter.Segment?.ToString(),
            ["RepId"] = filter.RepId?.ToString(),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}

public sealed record ScoredAccountListModel(IReadOnlyList<Core.Features.Scoring.DashboardAccounts.Row> Rows, bool ShowSubScore, string Id, string Caption);

public sealed record SignalRankListModel(IReadOnlyList<Core.Features.Scoring.ManagerDashboard.SignalRow> Rows, string Id, string Caption);

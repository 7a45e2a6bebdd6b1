using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Dashboards;

/// <summary>
/// The manager dashboard (region health, filters by territory, segment and rep, a drill-down behind every number)
/// and the executive dashboard (quarters against target, CLV, forecast, model backtest), with their CSV and
/// workbook exports. Everything reads the stored scores.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Route("dashboards")]
public sealed class DashboardsController(ISender sender) : Controller
{
    [HttpGet("manager"), Authorize(Roles = RoleSets.Leadership)]
    [KeptPage]
    public async Task<IActionResult> Manager([FromQuery] DashboardFilter filter) =>
        View(await sender.Send(new ManagerDashboard.Query { Filter = filter }));

    [HttpGet("manager/tiers.csv"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> TiersCsv([FromQuery] DashboardFilter filter) =>
        DashboardExports.Tiers(await sender.Send(new ManagerDashboard.Query { Filter = filter }));

    [HttpGet("manager/accounts"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> Accounts([FromQuery] DashboardFilter filter, [FromQuery] DashboardList list, [FromQuery] RiskTier? tier,
        [FromQuery] bool gapsOnly, [FromQuery] Playbook? playbook, [FromQuery] EngagementTaskStatus? taskStatus, [FromQuery] string? format)
    {
        var result = await sender.Send(new DashboardAccounts.Query { Filter = filter, List = list, Tier = tier, GapsOnly = gapsOnly, Playbook = playbook, TaskStatus = taskStatus });
        return format == "csv" ? DashboardExports.Accounts(result) : View(result);
    }

    [HttpGet("manager/sla-breaches"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> SlaBreaches([FromQuery] DashboardFilter filter, [FromQuery] string? format)
    {
        var result = await sender.Send(new SlaBreaches.Query { Filter = filter });
        return format == "csv" ? DashboardExports.SlaBreaches(result) : View(new SlaBreachesPage(filter, result));
    }

    [HttpGet("manager/activity"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> Activity([FromQuery] DashboardFilter filter, [FromQuery] Guid? interactionRepId, [FromQuery] DateOnly? week, [FromQuery] string? format)
    {
        var result = await sender.Send(new TeamActivity.Query { Filter = filter, InteractionRepId = interactionRepId, Week = week });
        return format == "csv" ? DashboardExports.Activity(result) : View(new ActivityPage(filter, interactionRepId, week, result));
    }

    [HttpGet("manager/playbooks.csv"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> PlaybooksCsv([FromQuery] DashboardFilter filter) =>
        DashboardExports.Playbooks(await sender.Send(new PlaybookEffects.Query { Filter = filter }));

    [HttpGet("executive"), Authorize(Roles = RoleSets.Executives)]
    [KeptPage]
    public async Task<IActionResult> Executive([FromQuery] ExecutiveDashboard.Query query) => View(await sender.Send(query));

    [HttpGet("executive/quarters.csv"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> QuartersCsv([FromQuery] ExecutiveDashboard.Query query) => DashboardExports.Quarters(await sender.Send(query));

    [HttpGet("executive/hit-while-clv-fell.csv"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> HitWhileClvFellCsv([FromQuery] ExecutiveDashboard.Query query) => DashboardExports.HitWhileClvFell(await sender.Send(query));

    [HttpGet("executive/backtest.csv"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> BacktestCsv([FromQuery] ExecutiveDashboard.Query query) => DashboardExports.Backtest(await sender.Send(query));

    [HttpGet("executive/quarters.xlsx"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> Workbook([FromQuery] ExecutiveDashboard.Query query) => DashboardExports.Workbook(await sender.Send(query));
}

public sealed record SlaBreachesPage(DashboardFilter Filter, SlaBreaches.Result Result);

public sealed record ActivityPage(DashboardFilter Filter, Guid? InteractionRepId, DateOnly? Week, TeamActivity.Result Result);

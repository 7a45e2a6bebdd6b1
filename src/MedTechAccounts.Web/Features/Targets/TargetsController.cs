using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Targets;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Targets;

/// <summary>Quarterly revenue targets: executives and admins set them, managers read them.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Authorize(Roles = RoleSets.Leadership)]
public sealed class TargetsController(ISender sender) : Controller
{
    [HttpGet("targets")]
    public async Task<IActionResult> Index([FromQuery] TargetList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Targets(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new TargetListPage(query, await sender.Send(query)));

    [HttpGet("targets/new"), Authorize(Roles = RoleSets.Executives)]
    public IActionResult Create(int? fiscalYear, int? fiscalQuarter, TargetScope? scope, string? scopeKey) =>
        View(new SetQuarterlyTarget.Command { FiscalYear = fiscalYear ?? 0, FiscalQuarter = fiscalQuarter ?? 0, Scope = scope ?? TargetScope.Company, ScopeKey = scopeKey ?? "" });

    [HttpPost("targets/new"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> Create(SetQuarterlyTarget.Command command)
    {
        var result = await sender.Send(command with { Id = null, Version = null });
        TempData["Status"] = result.Created ? "Target set." : "Target updated (one was already set for this quarter and scope).";
        return Redirect($"/targets?FiscalYear={command.FiscalYear}");
    }

    [HttpGet("targets/{id:guid}/edit"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new SetQuarterlyTarget.Query(id)));

    [HttpPost("targets/{id:guid}/edit"), Authorize(Roles = RoleSets.Executives)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, SetQuarterlyTarget.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = "Target saved.";
        return Redirect($"/targets?FiscalYear={command.FiscalYear}");
    }
}

public sealed record TargetListPage(TargetList.Query Query, PagedResult<TargetList.Row> Result);

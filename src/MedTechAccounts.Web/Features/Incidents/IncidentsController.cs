using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Incidents;

/// <summary>Service incidents: the open list (breached first), opening one on a device, first response, resolution and edits.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class IncidentsController(ISender sender) : Controller
{
    [HttpGet("incidents")]
    [KeptPage]
    public async Task<IActionResult> Index([FromQuery] IncidentList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Incidents(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new IncidentListPage(query, await sender.Send(query)));

    [HttpGet("incidents/{id:guid}")]
    [KeptPage]
    public async Task<IActionResult> Details([FromRoute] Guid id) => View(await sender.Send(new IncidentDetails.Query(id)));

    [HttpGet("accounts/{accountId:guid}/incidents/new"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, [FromQuery] Guid? deviceId) =>
        View(await sender.Send(new OpenIncidentForm.Query(accountId, deviceId)));

    [HttpPost("accounts/{accountId:guid}/incidents/new"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, OpenIncident.Command command)
    {
        var opened = await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = $"Incident {opened.ExternalId} opened{(opened.AfterHours ? " (after hours)" : "")}.";
        return Redirect($"/incidents/{opened.Id}");
    }

    [HttpGet("incidents/{id:guid}/first-response"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> FirstResponse([FromRoute] Guid id) =>
        View(new RecordFirstResponse.Command { Id = id, Version = (await sender.Send(new IncidentDetails.Query(id))).Version });

    [HttpPost("incidents/{id:guid}/first-response"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> FirstResponse([FromRoute] Guid id, RecordFirstResponse.Command command)
    {
        var result = await sender.Send(command with { Id = id });
        TempData["Status"] = $"First response to {result.ExternalId} recorded.";
        return Redirect($"/incidents/{id}");
    }

    [HttpGet("incidents/{id:guid}/resolve"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Resolve([FromRoute] Guid id) =>
        View(new ResolveIncident.Command { Id = id, Version = (await sender.Send(new IncidentDetails.Query(id))).Version });

    [HttpPost("incidents/{id:guid}/resolve"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Resolve([FromRoute] Guid id, ResolveIncident.Command command)
    {
        var result = await sender.Send(command with { Id = id });
        TempData["Status"] = $"Incident {result.ExternalId} resolved.";
        return Redirect($"/incidents/{id}");
    }

    [HttpGet("incidents/{id:guid}/edit"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new EditIncident.Query(id)));

    [HttpPost("incidents/{id:guid}/edit"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditIncident.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Incident {command.ExternalId.Trim()} saved.";
        return Redirect($"/incidents/{id}");
    }
}

public sealed record IncidentListPage(IncidentList.Query Query, PagedResult<IncidentList.Row> Result);

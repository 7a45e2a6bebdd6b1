using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Incidents;

/// <summary>Service incidents at the caller's accounts, with their first-response SLA status.</summary>
[Route("api/incidents")]
public sealed class IncidentsApiController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// Lists incidents: account, territory, status (<c>Open</c>, the default: not resolved; or <c>All</c>) and severity
    /// filters; paged. Overdue and breached first, then by first-response deadline. Each row has <c>sla</c>
    /// (<c>Overdue</c>, <c>Breached</c>, <c>Pending</c>, <c>Met</c>) and <c>responseDeadline</c>.
    /// </summary>
    [HttpGet]
    public async Task<PagedResult<IncidentList.Row>> List([FromQuery] IncidentList.Query query) => await sender.Send(query);

    /// <summary>One incident with its device, account, SLA status and deadline, and its opening time at the site.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IncidentDetails.Result> Get(Guid id) => await sender.Send(new IncidentDetails.Query(id));

    /// <summary>
    /// Opens an incident on a device of the account. <c>openedAt</c> (UTC) defaults to now; <c>afterHours</c> is derived from
    /// the site's business hours when omitted; <c>externalId</c> is generated when omitted.
    /// </summary>
    [HttpPost, Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Create(OpenIncident.Command command)
    {
        var opened = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id = opened.Id }, opened);
    }

    /// <summary>
    /// Updates every field of an incident (the status follows the times; <c>afterHours</c> null derives it again).
    /// Send the <c>version</c> you read; a newer version on the server answers 409.
    /// </summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, EditIncident.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }

    /// <summary>
    /// Records the first response: <c>respondedAt</c> (UTC, default now) and <c>responderId</c> (default the caller; required for
    /// an integration client). Send the <c>version</c> you read; a newer version answers 409.
    /// </summary>
    [HttpPost("{id:guid}/first-response"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<RecordFirstResponse.Result> FirstResponse([FromRoute] Guid id, RecordFirstResponse.Command command) =>
        await sender.Send(command with { Id = id });

    /// <summary>
    /// Resolves the incident at <c>resolvedAt</c> (UTC, default now); without a recorded first response, the resolution is also
    /// the first response. Send the <c>version</c> you read; a newer version answers 409.
    /// </summary>
    [HttpPost("{id:guid}/resolve"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<ResolveIncident.Result> Resolve([FromRoute] Guid id, ResolveIncident.Command command) =>
        await sender.Send(command with { Id = id });
}

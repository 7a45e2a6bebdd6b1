using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>Installed devices (ours and competitors') at the caller's accounts.</summary>
[Route("api/devices")]
public sealed class DevicesApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists devices: partial serial number, account and status filters; paged.</summary>
    [HttpGet]
    public async Task<PagedResult<DeviceList.Row>> List([FromQuery] DeviceList.Query query) => await sender.Send(query);

    /// <summary>One device with its product, account, age in months and end of service life.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<DeviceDetails.Result> Get(Guid id) => await sender.Send(new DeviceDetails.Query(id));

    /// <summary>Adds a device to an account's install base; set <c>competitor</c> for a competitor's device.</summary>
    [HttpPost, Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Create(AddDevice.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates a device. Send the <c>version</c> you read; a newer version on the server answers 409.</summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, EditDevice.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }

    /// <summary>
    /// Changes a device's status: <c>Decommissioned</c>, <c>Replaced</c>, <c>LostToCompetitor</c> (with <c>competitor</c>)
    /// or <c>Active</c>. Send the <c>version</c> you read; a newer version answers 409.
    /// </summary>
    [HttpPost("{id:guid}/status"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<ChangeDeviceStatus.Result> ChangeStatus([FromRoute] Guid id, ChangeDeviceStatus.Command command) =>
        await sender.Send(command with { Id = id });
}

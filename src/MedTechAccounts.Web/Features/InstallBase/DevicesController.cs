using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>An account's install base: the fleet page, adding and editing devices, status changes and serial search.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class DevicesController(ISender sender) : Controller
{
    [HttpGet("accounts/{accountId:guid}/devices")]
    [KeptPage]
    public async Task<IActionResult> Index([FromRoute] Guid accountId, [FromQuery] string? family, [FromQuery] int page = 1) =>
        View(new FleetPage(await sender.Send(new AccountFleet.Query(accountId)), string.IsNullOrWhiteSpace(family) ? null : family, page));

    [HttpGet("devices/search")]
    public async Task<IActionResult> Search([FromQuery] DeviceList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Devices(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new DeviceSearchPage(query, string.IsNullOrWhiteSpace(query.Serial) ? null : await sender.Send(query)));

    [HttpGet("accounts/{accountId:guid}/devices/new"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId)
    {
        // The account must be one the caller may see before a form for it is shown.
        await sender.Send(new AccountFleet.Query(accountId));
        return View(new AddDevice.Command { AccountId = accountId });
    }

    [HttpPost("accounts/{accountId:guid}/devices/new"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, AddDevice.Command command)
    {
        await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = $"Device {command.SerialNumber.Trim()} added.";
        return Redirect($"/accounts/{accountId}/devices");
    }

    [HttpGet("devices/{id:guid}/edit"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new EditDevice.Query(id)));

    [HttpPost("devices/{id:guid}/edit"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditDevice.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Device {command.SerialNumber.Trim()} saved.";
        return Redirect($"/accounts/{command.AccountId}/devices");
    }

    [HttpGet("devices/{id:guid}/decommission"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Decommission([FromRoute] Guid id) => View(await StatusFormAsync(id, DeviceStatus.Decommissioned));

    [HttpPost("devices/{id:guid}/decommission"), Authorize(Roles = RoleSets.FieldWriters)]
    public Task<IActionResult> Decommission([FromRoute] Guid id, ChangeDeviceStatus.Command command) =>
        ChangeStatusAsync(command with { Id = id, Status = DeviceStatus.Decommissioned, Competitor = null }, "decommissioned");

    [HttpGet("devices/{id:guid}/replaced"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Replaced([FromRoute] Guid id) => View(await StatusFormAsync(id, DeviceStatus.Replaced));

    [HttpPost("devices/{id:guid}/replaced"), Authorize(Roles = RoleSets.FieldWriters)]
    public Task<IActionResult> Replaced([FromRoute] Guid id, ChangeDeviceStatus.Command command) =>
        ChangeStatusAsync(command with { Id = id, Status = DeviceStatus.Replaced, Competitor = null }, "marked replaced");

    [HttpGet("devices/{id:guid}/lost"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Lost([FromRoute] Guid id) => View(await StatusFormAsync(id, DeviceStatus.LostToCompetitor));

    [HttpPost("devices/{id:guid}/lost"), Authorize(Roles = RoleSets.FieldWriters)]
    public Task<IActionResult> Lost([FromRoute] Guid id, ChangeDeviceStatus.Command command) =>
        ChangeStatusAsync(command with { Id = id, Status = DeviceStatus.LostToCompetitor }, $"marked lost to {command.Competitor?.Trim()}");

    private async Task<ChangeDeviceStatus.Command> StatusFormAsync(Guid id, DeviceStatus status)
    {
        var device = await sender.Send(new DeviceDetails.Query(id));
        return new ChangeDeviceStatus.Command { Id = id, Status = status, Version = device.Version };
    }

    private async Task<IActionResult> ChangeStatusAsync(ChangeDeviceStatus.Command command, string done)
    {
        var result = await sender.Send(command);
        TempData["Status"] = $"Device {result.SerialNumber} {done}.";
        return Redirect($"/accounts/{result.AccountId}/devices");
    }
}

public sealed record DeviceSearchPage(DeviceList.Query Query, PagedResult<DeviceList.Row>? Result);

/// <summary>What a status-change page asks: which change, its button, and whether it needs the competitor's name.</summary>
public sealed record DeviceStatusForm(ChangeDeviceStatus.Command Command, string Action, string Title, string Button, bool AsksCompetitor);

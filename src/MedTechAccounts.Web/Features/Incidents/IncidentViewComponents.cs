using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Incidents;

/// <summary>
/// An account's open incidents, breached first, with a link to open one, for the account page:
/// <c>@await Component.InvokeAsync("AccountIncidents", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class AccountIncidentsViewComponent(ISender sender) : ViewComponent
{
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync(Guid accountId) =>
        View(new AccountIncidentsModel(accountId,
            await sender.Send(new IncidentList.Query { AccountId = accountId, Status = IncidentListStatus.Open, PageSize = Shown }),
            await sender.Send(new RecentIncidents.Query(accountId))));
}

public sealed record AccountIncidentsModel(Guid AccountId, PagedResult<IncidentList.Row> Open, RecentIncidents.Result? Recent = null);

/// <summary>The device drop-down of an incident form: the devices of the account, so a failed POST redisplays from the command alone.</summary>
public sealed class IncidentDeviceSelectViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(IReadOnlyList<IncidentDevices.Choice> Devices, Guid Selected, string? Error);

    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, Guid selected)
    {
        var error = ViewData.ModelState.TryGetValue("DeviceId", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View(new Model(await sender.Send(new IncidentDevices.Query(accountId)), selected, error));
    }
}

/// <summary>The responder drop-down of the edit form.</summary>
public sealed class IncidentResponderSelectViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(IReadOnlyList<Option> People, Guid? Selected, string? Error);

    public async Task<IViewComponentResult> InvokeAsync(Guid? selected)
    {
        var error = ViewData.ModelState.TryGetValue("ResponderId", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View(new Model(await sender.Send(new IncidentResponders.Query()), selected, error));
    }
}

/// <summary>Which incident a response or resolution form is about, so a failed POST redisplays from the command alone.</summary>
public sealed class IncidentSummaryViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid id)
    {
        try
        {
            return View(await sender.Send(new IncidentDetails.Query(id)));
        }
        catch (NotFoundException)
        {
            // A form redisplayed after a binding error may name an incident the caller cannot see: show nothing about it.
            return Content("");
        }
    }
}

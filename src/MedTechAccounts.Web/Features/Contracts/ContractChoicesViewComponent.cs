using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Contracts;

/// <summary>
/// The account-dependent choices of the contract form: the devices to cover (check boxes) and the contract it renews,
/// filled here so a failed POST redisplays from the command alone.
/// </summary>
public sealed class ContractChoicesViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, IReadOnlyList<Guid>? selectedDevices, Guid? renewedFromId, Guid? self, bool showRenewedFrom = true)
    {
        var devices = await sender.Send(new ContractDevices.Query(accountId));
        var contracts = showRenewedFrom
            ? (await sender.Send(new ContractList.Query { AccountId = accountId, PageSize = Paging.MaxPageSize })).Items
                .Where(c => c.Id != self)
                .Select(c => new Option(c.Id, $"{c.ExternalId} ({c.Start:yyyy-MM-dd} – {c.End:yyyy-MM-dd})")).ToList()
            : [];
        string? Error(string name) => ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View(new ContractChoices(devices, selectedDevices ?? [], contracts, renewedFromId, showRenewedFrom, Error("DeviceIds"), Error("RenewedFromId")));
    }
}

public sealed record ContractChoices(
    IReadOnlyList<Option> Devices, IReadOnlyList<Guid> SelectedDevices, IReadOnlyList<Option> Contracts, Guid? RenewedFromId,
    bool ShowRenewedFrom, string? DevicesError, string? RenewedFromError);

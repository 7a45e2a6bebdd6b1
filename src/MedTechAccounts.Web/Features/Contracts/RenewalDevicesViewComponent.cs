using Mediator;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Contracts;

/// <summary>The device check boxes of the renewal form: the devices of the renewed contract's account.</summary>
public sealed class RenewalDevicesViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid contractId, IReadOnlyList<Guid>? selectedDevices)
    {
        ContractDetails.Result contract;
        try
        {
            contract = await sender.Send(new ContractDetails.Query(contractId));
        }
        catch (NotFoundException)
        {
            // A form redisplayed after a binding error may name a contract the caller cannot see: show nothing about it.
            return Content("");
        }

        var devices = await sender.Send(new ContractDevices.Query(contract.AccountId));
        var error = ViewData.ModelState.TryGetValue("DeviceIds", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View("~/Views/Contracts/Components/ContractChoices/Default.cshtml",
            new ContractChoices(devices, selectedDevices ?? contract.CoveredDevices.Select(d => d.Id).ToList(), [], null, false, error, null));
    }
}

using Mediator;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>Which device a status form is about (serial, product, account), so a failed POST redisplays from the command alone.</summary>
public sealed class DeviceSummaryViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid id)
    {
        try
        {
            return View(await sender.Send(new DeviceDetails.Query(id)));
        }
        catch (NotFoundException)
        {
            // A form redisplayed after a binding error may name a device the caller cannot see: show nothing about it.
            return Content("");
        }
    }
}

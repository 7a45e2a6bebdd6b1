using Mediator;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>The product drop-down of the device form (capital products), filled here so a failed POST redisplays from the command alone.</summary>
public sealed class DeviceProductSelectViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string name, string label, Guid? selected)
    {
        var error = ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        var options = await sender.Send(new DeviceProducts.Query());
        var empty = selected is null || selected == Guid.Empty;
        return View("~/Views/Shared/Components/LookupSelect/Default.cshtml",
            new LookupSelectViewComponent.Model(name, label, selected, empty, "Choose a product", options, error));
    }
}

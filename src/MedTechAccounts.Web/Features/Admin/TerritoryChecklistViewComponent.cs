using Mediator;
using MedTechAccounts.Core.Features.Common;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>Territories as a group of labelled checkboxes (44-px rows), filled from the lookup so a failed POST redisplays from the command alone.</summary>
public sealed class TerritoryChecklistViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(string Name, string Legend, string? Hint, IReadOnlyCollection<Guid> Selected, IReadOnlyList<Option> Options, string? Error);

    public async Task<IViewComponentResult> InvokeAsync(string name, string legend, IReadOnlyCollection<Guid>? selected, string? hint = null)
    {
        var options = await sender.Send(new Lookups.Territories());
        var error = ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View(new Model(name, legend, hint, selected ?? [], options, error));
    }
}

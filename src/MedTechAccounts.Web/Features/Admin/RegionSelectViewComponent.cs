using Mediator;
using MedTechAccounts.Core.Features.Territories;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>
/// The regions that have territories: a drop-down (a manager's region) or suggestions for a free
/// text field (a new territory may open a new region).
/// </summary>
public sealed class RegionSelectViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(string Name, string Label, string? Hint, string? Selected, bool FreeText, string EmptyText, IReadOnlyList<string> Regions, string? Error);

    public async Task<IViewComponentResult> InvokeAsync(string name, string label, string? selected, bool freeText = false, string? hint = null, string emptyText = "No region")
    {
        var regions = await sender.Send(new RegionList.Query());
        var error = ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return View("~/Views/Territories/Components/RegionSelect/Default.cshtml", new Model(name, label, hint, selected, freeText, emptyText, regions, error));
    }
}

using Mediator;
using MedTechAccounts.Core.Features.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Catalog;

/// <summary>
/// The catalog's product families: a labelled drop-down for the list filter, or (datalist) the suggestions
/// under the product form's family field, so new families can still be typed.
/// </summary>
public sealed class ProductFamilySelectViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(string Name, string Label, string? Selected, string EmptyText, IReadOnlyList<string> Families);

    public async Task<IViewComponentResult> InvokeAsync(string name, string label, string? selected, string emptyText = "All families", bool datalist = false)
    {
        var model = new Model(name, label, selected, emptyText, await sender.Send(new ProductFamilies.Query()));
        // Full paths: the component is also used outside the product pages (the executive dashboard's filter).
        return View($"~/Views/Products/Components/ProductFamilySelect/{(datalist ? "Datalist" : "Default")}.cshtml", model);
    }
}

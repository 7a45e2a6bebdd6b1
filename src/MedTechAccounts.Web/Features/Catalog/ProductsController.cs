using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Catalog;
using MedTechAccounts.Core.Features.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Catalog;

/// <summary>Product catalog administration pages.</summary>
[Route("admin/products")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ProductsController(ISender sender) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ProductList.Query query) => View(new ProductListPage(query, await sender.Send(query)));

    [HttpGet("new")]
    public IActionResult Create() => View(new CreateProduct.Command());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateProduct.Command command)
    {
        await sender.Send(command);
        TempData["Status"] = $"Product {command.Sku.Trim()} created.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new EditProduct.Query(id)));

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditProduct.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Product {command.Sku.Trim()} saved.";
        return RedirectToAction(nameof(Index));
    }
}

public sealed record ProductListPage(ProductList.Query Query, PagedResult<ProductList.Row> Result);

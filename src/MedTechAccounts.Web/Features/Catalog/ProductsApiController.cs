using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Catalog;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Catalog;

/// <summary>The product catalog: readable by every signed-in user, changed by administrators.</summary>
[Route("api/products")]
public sealed class ProductsApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists products; search SKU or name, filter by family and category.</summary>
    [HttpGet]
    public async Task<PagedResult<ProductList.Row>> List([FromQuery] ProductList.Query query) => await sender.Send(query);

    /// <summary>One product with its version.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<EditProduct.Command> Get(Guid id) => await sender.Send(new EditProduct.Query(id));

    /// <summary>Creates a product; the SKU must be unique.</summary>
    [HttpPost, Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateProduct.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates a product. Send the <c>version</c> you read; a newer version on the server answers 409.</summary>
    [HttpPut("{id:guid}"), Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, EditProduct.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

using Mediator;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Orders;

/// <summary>Orders of the caller's accounts, with their lines (list and net amount per line; the discount is derived).</summary>
[Route("api/orders")]
public sealed class OrdersApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists orders, newest first: account, type and date-range (<c>from</c>, <c>to</c>, inclusive) filters; paged; <c>totals</c> sum every match.</summary>
    [HttpGet]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<OrderList.Result> List([FromQuery] OrderList.Query query) => await sender.Send(query);

    /// <summary>One order with its lines and the discount of each line.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<OrderDetails.Result> Get(Guid id) => await sender.Send(new OrderDetails.Query(id));

    /// <summary>Enters an order with its lines (<c>productId</c>, <c>quantity</c> &gt; 0, <c>listAmount</c>, <c>netAmount</c> ≤ list). Managers and admins.</summary>
    [HttpPost, Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Create(CreateOrder.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>
    /// Replaces an order's date, type and lines (numbered 1..n in the order sent). Send the <c>version</c> you read;
    /// a newer version on the server answers 409. Managers and admins.
    /// </summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, EditOrder.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

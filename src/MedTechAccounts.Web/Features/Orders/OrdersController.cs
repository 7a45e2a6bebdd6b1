using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Orders;

/// <summary>Orders: the list with totals, details with the discount of each line, entry and correction by managers and admins.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class OrdersController(ISender sender) : Controller
{
    [HttpGet("orders")]
    public async Task<IActionResult> Index([FromQuery] OrderList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Orders(await AllPages.ReadAsync<OrderList.Row>(async p => { var r = await sender.Send(query with { Page = p, PageSize = AllPages.PageSize }); return (r.Items, r.TotalCount); }))
        : View(new OrderListPage(query, await sender.Send(query)));

    [HttpGet("orders/{id:guid}")]
    public async Task<IActionResult> Details([FromRoute] Guid id) => View(await sender.Send(new OrderDetails.Query(id)));

    [HttpGet("accounts/{accountId:guid}/orders/new"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId)
    {
        // The account must be one the caller may see before a form for it is shown.
        await sender.Send(new AccountDetails.Query(accountId));
        return View(new CreateOrder.Command { AccountId = accountId, OrderDate = DateOnly.FromDateTime(DateTime.UtcNow) });
    }

    [HttpPost("accounts/{accountId:guid}/orders/new"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, CreateOrder.Command command)
    {
        var id = await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = "Order saved.";
        return Redirect($"/orders/{id}");
    }

    [HttpGet("orders/{id:guid}/edit"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new EditOrder.Query(id)));

    [HttpPost("orders/{id:guid}/edit"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditOrder.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = "Order saved.";
        return Redirect($"/orders/{id}");
    }
}

public sealed record OrderListPage(OrderList.Query Query, OrderList.Result Result);

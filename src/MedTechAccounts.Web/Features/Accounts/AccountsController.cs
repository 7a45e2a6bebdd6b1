using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.Accounts;

[Route("accounts")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AccountsController(ISender sender) : Controller
{
    public const string Writers = $"{Roles.Rep},{Roles.Manager},{Roles.Admin}";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AccountList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Accounts(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new AccountListPage(query, await sender.Send(query)));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id) => View(await sender.Send(new AccountDetails.Query(id)));

    [HttpGet("new"), Authorize(Roles = Writers)]
    public IActionResult Create(Guid? territoryId) => View(new CreateAccount.Command { TerritoryId = territoryId ?? Guid.Empty });

    [HttpPost("new"), Authorize(Roles = Writers)]
    public async Task<IActionResult> Create(CreateAccount.Command command)
    {
        var id = await sender.Send(command);
        TempData["Status"] = $"Account {command.Name} created.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:guid}/edit"), Authorize(Roles = Writers)]
    public async Task<IActionResult> Edit(Guid id) => View(await sender.Send(new EditAccount.Query(id)));

    [HttpPost("{id:guid}/edit"), Authorize(Roles = Writers)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditAccount.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Account {command.Name} saved.";
        return RedirectToAction(nameof(Details), new { id });
    }
}

public sealed record AccountListPage(AccountList.Query Query, Core.Features.Common.PagedResult<AccountList.Row> Result);

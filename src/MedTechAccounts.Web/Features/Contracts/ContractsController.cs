using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Contracts;

/// <summary>Service contracts: the list (expiring soon), details with the renewal chain, entry, correction and renewal by managers and admins.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ContractsController(ISender sender) : Controller
{
    [HttpGet("contracts")]
    public async Task<IActionResult> Index([FromQuery] ContractList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Contracts(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new ContractListPage(query, await sender.Send(query)));

    [HttpGet("contracts/{id:guid}")]
    public async Task<IActionResult> Details([FromRoute] Guid id) => View(await sender.Send(new ContractDetails.Query(id)));

    [HttpGet("accounts/{accountId:guid}/contracts/new"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId)
    {
        // The account must be one the caller may see before a form for it is shown.
        await sender.Send(new AccountDetails.Query(accountId));
        return View(new CreateContract.Command { AccountId = accountId });
    }

    [HttpPost("accounts/{accountId:guid}/contracts/new"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, CreateContract.Command command)
    {
        var id = await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = "Contract saved.";
        return Redirect($"/contracts/{id}");
    }

    [HttpGet("contracts/{id:guid}/edit"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new EditContract.Query(id)));

    [HttpPost("contracts/{id:guid}/edit"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditContract.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = "Contract saved.";
        return Redirect($"/contracts/{id}");
    }

    [HttpGet("contracts/{id:guid}/renew"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Renew([FromRoute] Guid id) => View(await sender.Send(new RenewContract.Query(id)));

    [HttpPost("contracts/{id:guid}/renew"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Renew([FromRoute] Guid id, RenewContract.Command command)
    {
        var renewal = await sender.Send(command with { Id = id });
        TempData["Status"] = "Contract renewed.";
        return Redirect($"/contracts/{renewal}");
    }
}

public sealed record ContractListPage(ContractList.Query Query, PagedResult<ContractList.Row> Result);

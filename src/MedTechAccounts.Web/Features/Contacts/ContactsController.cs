using Mediator;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Contacts;
using MedTechAccounts.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Contacts;

[ApiExplorerSettings(IgnoreApi = true)]
[Authorize(Roles = RoleSets.FieldWriters)]
public sealed class ContactsController(ISender sender) : Controller
{
    [HttpGet("accounts/{accountId:guid}/contacts/new")]
    public async Task<IActionResult> Create([FromRoute] Guid accountId)
    {
        // The account must be one the caller may see before a form for it is shown.
        await sender.Send(new AccountDetails.Query(accountId));
        return View(new CreateContact.Command { AccountId = accountId });
    }

    [HttpPost("accounts/{accountId:guid}/contacts/new")]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, CreateContact.Command command)
    {
        await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = $"Contact {command.Name} added.";
        return Redirect($"/accounts/{accountId}");
    }

    [HttpGet("contacts/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id) => View(await sender.Send(new EditContact.Query(id)));

    [HttpPost("contacts/{id:guid}/edit")]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditContact.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Contact {command.Name} saved.";
        return Redirect($"/accounts/{command.AccountId}");
    }
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>User administration pages: roles, territories, regions, activation, lockout and two-factor reset.</summary>
[Route("admin/users")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class UsersController(ISender sender) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] UserList.Query query) => View(new UserListPage(query, await sender.Send(query)));

    [HttpGet("new")]
    public IActionResult Create() => View(new CreateUser.Command());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateUser.Command command)
    {
        var id = await sender.Send(command);
        TempData["Status"] = $"User {command.Email.Trim()} created. Hand the initial password over in person or by phone, never by e-mail.";
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id) => View(await sender.Send(new EditUser.Query(id)));

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, EditUser.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"User {command.DisplayName.Trim()} saved.";
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id:guid}/unlock")]
    public async Task<IActionResult> Unlock(Guid id)
    {
        await sender.Send(new UnlockUser.Command(id));
        TempData["Status"] = "The user is unlocked and can sign in again.";
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id:guid}/reset-two-factor")]
    public async Task<IActionResult> ResetTwoFactor(Guid id)
    {
        await sender.Send(new ResetTwoFactor.Command(id));
        TempData["Status"] = "Two-factor sign-in was reset: the user is signed out and sets up an authenticator app again.";
        return RedirectToAction(nameof(Edit), new { id });
    }
}

public sealed record UserListPage(UserList.Query Query, PagedResult<UserList.Row> Result);

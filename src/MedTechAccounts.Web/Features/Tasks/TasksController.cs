using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Tasks;

/// <summary>Closing next best actions (complete with the outcome, dismiss with the reason) and the playbook effects page.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TasksController(ISender sender) : Controller
{
    /// <summary>All of my open next best actions, the most value at stake first, paged; the home page shows the first ones.</summary>
    [HttpGet("tasks")]
    [KeptPage]
    public async Task<IActionResult> Mine([FromQuery] MyTasks.Query query) => View(await sender.Send(query));

    [HttpPost("tasks/{id:guid}/complete"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Complete([FromRoute] Guid id, CompleteTask.Command command, [FromForm] string? returnUrl)
    {
        var result = await sender.Send(command with { Id = id });
        TempData["Status"] = "Task done. Its effect is measured when the account is rescored after 90 days.";
        return Back(returnUrl, result.AccountId);
    }

    [HttpPost("tasks/{id:guid}/dismiss"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Dismiss([FromRoute] Guid id, DismissTask.Command command, [FromForm] string? returnUrl)
    {
        var result = await sender.Send(command with { Id = id });
        TempData["Status"] = "Task dismissed.";
        return Back(returnUrl, result.AccountId);
    }

    [HttpGet("tasks/effects"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> Effects([FromQuery] string? format)
    {
        var result = await sender.Send(new PlaybookEffects.Query());
        return format == "csv" ? ListExports.PlaybookEffects(result) : View(result);
    }

    private RedirectResult Back(string? returnUrl, Guid accountId) =>
        Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/accounts/{accountId}");
}

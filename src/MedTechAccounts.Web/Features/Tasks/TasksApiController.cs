using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Tasks;

/// <summary>Next best actions raised by the playbooks from the accounts' signals.</summary>
[Route("api/tasks")]
public sealed class TasksApiController(ISender sender) : ApiControllerBase
{
    /// <summary>My open tasks, the most value at stake first, with the account and the reason; paged.</summary>
    [HttpGet]
    public async Task<PagedResult<TaskRow>> Mine([FromQuery] MyTasks.Query query) => await sender.Send(query);

    /// <summary>
    /// Marks a task done; <c>outcomeNote</c> (what was done, what came of it) is required. Send the <c>version</c> you read;
    /// a newer version answers 409. Only the assignee, the account's manager or an admin may close a task.
    /// </summary>
    [HttpPost("{id:guid}/complete"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<CloseTaskResult> Complete([FromRoute] Guid id, CompleteTask.Command command) => await sender.Send(command with { Id = id });

    /// <summary>
    /// Dismisses a task; <c>outcomeNote</c> (why it does not apply) is required. Send the <c>version</c> you read;
    /// a newer version answers 409. Only the assignee, the account's manager or an admin may close a task.
    /// </summary>
    [HttpPost("{id:guid}/dismiss"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<CloseTaskResult> Dismiss([FromRoute] Guid id, DismissTask.Command command) => await sender.Send(command with { Id = id });

    /// <summary>
    /// Per playbook: tasks open, done, dismissed; done tasks measured again after the effect period, their mean signal change
    /// in points and the share that improved (managers, executives, admins; within their scope).
    /// </summary>
    [HttpGet("effects"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<PlaybookEffects.Result> Effects() => await sender.Send(new PlaybookEffects.Query());
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Tasks;

/// <summary>
/// "My next best actions" on the home page, with complete and dismiss forms:
/// <c>@await Component.InvokeAsync("MyTasks")</c>. Shown to reps, and to anyone with tasks assigned.
/// </summary>
public sealed class MyTasksViewComponent(ISender sender) : ViewComponent
{
    public const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var tasks = await sender.Send(new MyTasks.Query { PageSize = Shown });
        return tasks.TotalCount == 0 && !UserClaimsPrincipal.IsInRole(Roles.Rep) ? Content("") : View(tasks);
    }
}

/// <summary>One task's complete and dismiss forms, where they post and where they come back to.</summary>
public sealed record TaskCloseForms(TaskRow Task, string ReturnUrl);

/// <summary>The data of a page that redisplays a failed complete or dismiss.</summary>
public sealed record TaskFormPage(PagedResult<TaskRow> Tasks);

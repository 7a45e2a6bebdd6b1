using Mediator;
using MedTechAccounts.Core.Features.People;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.People;

/// <summary>The reassignment form's rows (account names and who may own each), filled here so a failed POST redisplays from the command alone.</summary>
public sealed class ReassignChoicesViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ReassignAccounts.Command command) =>
        View(new ReassignForm(command, await sender.Send(new ReassignChoices.Query(command.PersonId))));
}

public sealed record ReassignForm(ReassignAccounts.Command Command, ReassignChoices.Result Choices);

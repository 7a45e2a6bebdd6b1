using Mediator;
using MedTechAccounts.Core.Features.Surveys;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Surveys;

/// <summary>The contact drop-down of the survey form (the account's contacts, or nobody), filled here so a failed POST redisplays from the command alone.</summary>
public sealed class SurveyContactSelectViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, Guid? selected)
    {
        var error = ViewData.ModelState.TryGetValue("ContactId", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        var options = await sender.Send(new SurveyContacts.Query(accountId));
        return View("~/Views/Shared/Components/LookupSelect/Default.cshtml",
            new LookupSelectViewComponent.Model("ContactId", "Contact who answered", selected, true, "Anonymous / not known", options, error));
    }
}

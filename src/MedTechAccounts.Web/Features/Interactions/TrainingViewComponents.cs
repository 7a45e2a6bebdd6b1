using Mediator;
using MedTechAccounts.Core.Features.Interactions;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Interactions;

/// <summary>The attendee list and signature pad of the visit form; a failed post redisplays the signatures already drawn.</summary>
public sealed class TrainingAttendeesViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(IReadOnlyList<LogVisitForm.Choice> Contacts, IReadOnlyList<TrainingAttendeeInput> Attendees);

    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, IReadOnlyList<TrainingAttendeeInput> attendees)
    {
        var choices = await sender.Send(new LogVisitForm.Choices(accountId));
        return View(new Model(choices.Contacts, attendees));
    }
}

/// <summary>The account page's in-service trainings, grouped by device family, each with its attendance sheet.</summary>
public sealed class AccountTrainingsViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId) =>
        View(await sender.Send(new AccountTrainings.Query(accountId)));
}

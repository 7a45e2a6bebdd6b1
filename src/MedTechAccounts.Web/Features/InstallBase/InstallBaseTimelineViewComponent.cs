using Mediator;
using MedTechAccounts.Core.Features.InstallBase;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>
/// The active install base by product family on an age / end-of-service-life timeline (chart and table), for the
/// account page: <c>@await Component.InvokeAsync("InstallBaseTimeline", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class InstallBaseTimelineViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId) => View(await sender.Send(new InstallBaseTimeline.Query(accountId)));
}

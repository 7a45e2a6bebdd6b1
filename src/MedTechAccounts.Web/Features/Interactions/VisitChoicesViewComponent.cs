using Mediator;
using MedTechAccounts.Core.Features.Interactions;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Interactions;

/// <summary>The account's contacts and active devices as chips, so a failed post redisplays the visit form from the command alone.</summary>
public sealed class VisitChoicesViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(LogVisitForm.ChoicesResult Choices, IReadOnlyList<Guid> ContactIds, IReadOnlyList<Guid> DeviceIds);

    /// <summary>Renders the chips, or with <paramref name="headerOnly"/> the account's name for the page heading.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, IReadOnlyList<Guid> contactIds, IReadOnlyList<Guid> deviceIds, bool headerOnly = false)
    {
        var model = new Model(await sender.Send(new LogVisitForm.Choices(accountId)), contactIds, deviceIds);
        return headerOnly ? View("Header", model) : View(model);
    }
}

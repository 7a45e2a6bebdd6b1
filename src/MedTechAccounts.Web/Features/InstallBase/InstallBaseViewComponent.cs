using Mediator;
using MedTechAccounts.Core.Features.InstallBase;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>
/// The fleet summary of one account (by family, ages, the devices inside 12 months of end of service life,
/// our share), for the account page: <c>@await Component.InvokeAsync("InstallBase", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class InstallBaseViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, bool showLinks = true) =>
        View(new InstallBaseSummary(await sender.Send(new AccountFleet.Query(accountId)), showLinks));
}

public sealed record InstallBaseSummary(AccountFleet.Result Fleet, bool ShowLinks);

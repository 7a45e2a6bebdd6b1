using Mediator;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Common;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Accounts;

/// <summary>
/// The caller's accounts in priority order (open critical incident first, then CLV × risk), for the rep home:
/// <c>@await Component.InvokeAsync("AccountPriorities")</c>.
/// </summary>
public sealed class AccountPrioritiesViewComponent(ISender sender) : ViewComponent
{
    /// <summary>Cards on the home page; the rest are in the accounts list and the CSV.</summary>
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync() => View(await sender.Send(new AccountPriorities.Query { Take = Shown }));
}

/// <summary>
/// Health score and CLV over the last 8 fiscal quarters from the stored snapshots, for the account page:
/// <c>@await Component.InvokeAsync("AccountTrend", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class AccountTrendViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId) => View(await sender.Send(new AccountTrend.Query(accountId)));
}

/// <summary>
/// An account's interactions, newest first, one page of them with a link to the next, for the account page and
/// its timeline page: <c>@await Component.InvokeAsync("InteractionTimeline", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class InteractionTimelineViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId, int page = 1, bool fullPage = false) =>
        View(new InteractionTimelineModel(
            await sender.Send(new InteractionTimeline.Query(accountId) { Page = page, PageSize = InteractionTimeline.DefaultPageSize }), fullPage));
}

public sealed record InteractionTimelineModel(InteractionTimeline.Result Result, bool FullPage)
{
    public Guid AccountId => Result.AccountId;
    public PagedResult<InteractionTimeline.Row> Timeline => Result.Interactions;
}

/// <summary>
/// Contacts by role and influence with who met them in the last year, for the account page:
/// <c>@await Component.InvokeAsync("InfluenceMap", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class InfluenceMapViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId) => View(await sender.Send(new InfluenceMap.Query(accountId)));
}

using Mediator;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Scoring;

/// <summary>
/// The account page's health: score and tier, each signal with its reason, the CLV with its parts
/// and fit, and the account's next best actions:
/// <c>@await Component.InvokeAsync("AccountHealth", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class AccountHealthViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid accountId) =>
        View(new AccountHealthModel(await sender.Send(new AccountHealth.Query(accountId)), await sender.Send(new AccountTasks.Query(accountId))));
}

public sealed record AccountHealthModel(AccountHealth.Result Health, AccountTasks.Result Tasks);

using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.Core.Features.Surveys;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Commercial;

/// <summary>
/// The commercial card of the account page: recent orders, contracts running today with their renewal status, and
/// the latest NPS answer: <c>@await Component.InvokeAsync("AccountCommercial", new { accountId = Model.Id })</c>.
/// </summary>
public sealed class AccountCommercialViewComponent(ISender sender) : ViewComponent
{
    public const int RecentOrders = 5;

    public async Task<IViewComponentResult> InvokeAsync(Guid accountId)
    {
        var orders = await sender.Send(new OrderList.Query { AccountId = accountId, PageSize = RecentOrders });
        var contracts = await sender.Send(new ContractList.Query { AccountId = accountId, CurrentOnly = true, PageSize = Paging.MaxPageSize });
        var surveys = await sender.Send(new SurveyList.Query { AccountId = accountId, PageSize = 1 });
        return View(new AccountCommercial(accountId, orders, contracts.Items, surveys.Items.FirstOrDefault(), surveys.Summary));
    }
}

public sealed record AccountCommercial(
    Guid AccountId, OrderList.Result Orders, IReadOnlyList<ContractList.Row> Contracts, SurveyList.Row? LatestSurvey, SurveyList.Summary Surveys);

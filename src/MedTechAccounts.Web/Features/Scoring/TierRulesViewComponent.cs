using Mediator;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Scoring;

/// <summary>The tier rules' form beside the weights on the scorecard page: <c>@await Component.InvokeAsync("TierRules")</c>.</summary>
public sealed class TierRulesViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Views/Scorecard/_TierRulesForm.cshtml", await sender.Send(new EditTierRules.Query()));
}

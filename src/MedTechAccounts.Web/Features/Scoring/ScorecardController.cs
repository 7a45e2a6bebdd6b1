using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Scoring;

/// <summary>The administrators' scorecard: the nine signal weights of the health score and the tier rules beside them.</summary>
[Route("admin/scorecard")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ScorecardController(ISender sender) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await sender.Send(new EditScorecard.Query()));

    [HttpPost("")]
    public async Task<IActionResult> Index(EditScorecard.Command command)
    {
        var result = await sender.Send(command);
        TempData["Status"] = $"Scorecard saved. {result.AccountsMarkedStale} accounts will be rescored with the new weights.";
        return Redirect("/admin/scorecard");
    }

    [HttpGet("rules")]
    public async Task<IActionResult> Rules() => View(await sender.Send(new EditTierRules.Query()));

    [HttpPost("rules")]
    public async Task<IActionResult> Rules(EditTierRules.Command command)
    {
        var result = await sender.Send(command);
        TempData["Status"] = $"Tier rules saved. {result.AccountsMarkedStale} accounts will be rescored with the new rules.";
        return Redirect("/admin/scorecard");
    }
}

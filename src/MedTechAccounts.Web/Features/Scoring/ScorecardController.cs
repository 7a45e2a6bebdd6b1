using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Scoring;

/// <summary>The administrators' scorecard: the nine signal weights of the health score, the tier rules beside them and the history backfill.</summary>
[Route("admin/scorecard")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ScorecardController(ISender sender, ScoreBackfillQueue backfills) : Controller
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

    [HttpGet("backfill")]
    public IActionResult Backfill() => View(new BackfillScores.Command { Quarters = ScoreBackfill.DemoQuarters });

    /// <summary>Audits the request and queues the backfill; the page says when it is done.</summary>
    [HttpPost("backfill")]
    public async Task<IActionResult> Backfill(BackfillScores.Command command)
    {
        var result = await sender.Send(command);
        backfills.Enqueue(result.Quarters);
        TempData["Status"] = $"Backfill of {result.Quarters} quarters queued: {result.Days.Count} days from {result.Days[0]:yyyy-MM-dd} to {result.Days[^1]:yyyy-MM-dd}. " +
            "Today's scores stay as they are.";
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

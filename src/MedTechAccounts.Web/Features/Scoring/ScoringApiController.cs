using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Scoring;

/// <summary>Account health, loyalty signals and lifetime value as stored by the last recompute; the scorecard weights.</summary>
[Route("api")]
public sealed class ScoringApiController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// The account's latest score: health score and tier, each signal's sub-score (0–100, 100 healthy), value,
    /// reason and weight, CLV with its three parts, P(alive), expected orders and the fit it came from.
    /// <c>score</c> is null when the account has not been scored yet; <c>stale</c> is true while it waits to be rescored.
    /// </summary>
    [HttpGet("accounts/{id:guid}/health")]
    [KeptPage]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<AccountHealth.Result> Health(Guid id) => await sender.Send(new AccountHealth.Query(id));

    /// <summary>
    /// The quarterly view per fiscal quarter (the current one and the ones before it) for a scope (Company, Region,
    /// Territory, Rep by e-mail, ProductFamily): revenue against target, the discount-bought share, the summed CLV at
    /// the start and end of the quarter, the accounts that hit their quarter while their CLV fell, and a forecast for
    /// the current quarter. Bounded by the caller's territories (managers, executives, administrators).
    /// </summary>
    [HttpGet("quarters"), Authorize(Roles = $"{Roles.Manager},{Roles.Executive},{Roles.Admin}")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<QuarterlyView.Result> Quarters([FromQuery] QuarterlyView.Query query) => await sender.Send(query);

    /// <summary>The scorecard weights in percent (administrators).</summary>
    [HttpGet("scorecard"), Authorize(Roles = Roles.Admin)]
    public async Task<EditScorecard.Command> Scorecard() => await sender.Send(new EditScorecard.Query());

    /// <summary>
    /// Saves the nine weights (whole percents, 0–100 each, adding up to 100) and marks every account to be rescored.
    /// Send the <c>version</c> you read; a newer version answers 409 (administrators).
    /// </summary>
    [HttpPut("scorecard"), Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<EditScorecard.Result> SaveScorecard(EditScorecard.Command command) => await sender.Send(command);

    /// <summary>The tier rules beside the weights (administrators); caps are <c>Off</c>, <c>Watch</c> or <c>AtRisk</c>.</summary>
    [HttpGet("scorecard/rules"), Authorize(Roles = Roles.Admin)]
    public async Task<EditTierRules.Command> TierRules() => await sender.Send(new EditTierRules.Query());

    /// <summary>
    /// Saves the tier rules and marks every account to be rescored: very low signals that make an account At risk
    /// (<c>lowSignalCount</c> below <c>lowSignalBelow</c>), and the tier caps of an open critical incident, of first
    /// responses within SLA under a percent, and of repeat incidents. Send the <c>version</c> you read; a newer version
    /// answers 409 (administrators).
    /// </summary>
    [HttpPut("scorecard/rules"), Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<EditTierRules.Result> SaveTierRules(EditTierRules.Command command) => await sender.Send(command);
}

using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Targets;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Targets;

/// <summary>Quarterly revenue targets (company, region, territory, rep, product family). Managers, executives and admins read; executives and admins write.</summary>
[Route("api/targets")]
[Authorize(Roles = RoleSets.Leadership)]
public sealed class TargetsApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists targets, latest quarter first: <c>fiscalYear</c> and <c>scope</c> filters; paged. Each row has its quarter label (<c>2026-Q3</c>) and dates.</summary>
    [HttpGet]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<PagedResult<TargetList.Row>> List([FromQuery] TargetList.Query query) => await sender.Send(query);

    /// <summary>One target with its quarter's dates.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<TargetList.Row> Get(Guid id) => await sender.Send(new TargetDetails.Query(id));

    /// <summary>
    /// Sets the target of a quarter, scope and key (<c>scopeKey</c>: empty for <c>Company</c>, else an existing region,
    /// territory, rep e-mail or product family): 201 when created, 200 when it updated the target already set for them.
    /// </summary>
    [HttpPost, Authorize(Roles = RoleSets.Executives)]
    [ProducesResponseType(typeof(SetQuarterlyTarget.Result), StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Set(SetQuarterlyTarget.Command command)
    {
        var result = await sender.Send(command with { Id = null });
        return result.Created ? CreatedAtAction(nameof(Get), new { id = result.Id }, result) : Ok(result);
    }

    /// <summary>Changes a target; it cannot take the quarter, scope and key of another. Send the <c>version</c> you read; a newer version answers 409.</summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.Executives)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, SetQuarterlyTarget.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

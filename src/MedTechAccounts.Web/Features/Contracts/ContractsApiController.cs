using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Contracts;

/// <summary>Service contracts of the caller's accounts, their covered devices and renewal chains.</summary>
[Route("api/contracts")]
public sealed class ContractsApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists contracts by end date: <c>accountId</c>, <c>expiringWithinDays</c> (not yet renewed) and <c>currentOnly</c> filters; paged.</summary>
    [HttpGet]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<PagedResult<ContractList.Row>> List([FromQuery] ContractList.Query query) => await sender.Send(query);

    /// <summary>One contract with its covered devices and its whole renewal chain, oldest first.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ContractDetails.Result> Get(Guid id) => await sender.Send(new ContractDetails.Query(id));

    /// <summary>Records a contract: <c>end</c> after <c>start</c>, covered <c>deviceIds</c> and <c>renewedFromId</c> of the same account. Managers and admins.</summary>
    [HttpPost, Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Create(CreateContract.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates a contract (send its <c>accountId</c>; it does not move). Send the <c>version</c> you read; a newer version answers 409. Managers and admins.</summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, EditContract.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }

    /// <summary>
    /// Renews a contract: creates the next one of its chain. Every field is optional: by default it starts the day after
    /// the previous end, runs as long, keeps the annual value and covers the previous contract's active devices.
    /// A contract already renewed answers 400. Managers and admins.
    /// </summary>
    [HttpPost("{id:guid}/renew"), Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Renew([FromRoute] Guid id, RenewContract.Command? command)
    {
        var renewal = await sender.Send((command ?? new RenewContract.Command()) with { Id = id });
        return CreatedAtAction(nameof(Get), new { id = renewal }, new { id = renewal });
    }
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Territories;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>Sales territories (administrators).</summary>
[Route("api/territories")]
[Authorize(Roles = Roles.Admin)]
public sealed class TerritoriesApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists territories by region, with account counts and assigned users.</summary>
    [HttpGet]
    public async Task<PagedResult<TerritoryList.Row>> List([FromQuery] TerritoryList.Query query) => await sender.Send(query);

    /// <summary>One territory with its version, account count and assigned users.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<TerritoryDetails.Result> Get(Guid id) => await sender.Send(new TerritoryDetails.Query(id));

    /// <summary>Creates a territory; the name must be unique.</summary>
    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateTerritory.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates a territory. Send the <c>version</c> you read; a newer version on the server answers 409.</summary>
    [HttpPut("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, EditTerritory.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

using Mediator;
using MedTechAccounts.Core.Features.Surveys;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Surveys;

/// <summary>NPS survey responses of the caller's accounts.</summary>
[Route("api/surveys")]
public sealed class SurveysApiController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// Lists responses, newest first: <c>accountId</c>, <c>from</c>/<c>to</c> (inclusive) and <c>category</c>
    /// (<c>Promoter</c> 9–10, <c>Passive</c> 7–8, <c>Detractor</c> 0–6) filters; paged; <c>summary</c> gives the NPS of the account and dates.
    /// </summary>
    [HttpGet]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<SurveyList.Result> List([FromQuery] SurveyList.Query query) => await sender.Send(query);

    /// <summary>One response with its NPS category.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<SurveyList.Row> Get(Guid id) => await sender.Send(new SurveyDetails.Query(id));

    /// <summary>Records a response: <c>nps</c> 0..10, <c>date</c> not in the future, optional <c>contactId</c> of the same account. Managers and admins.</summary>
    [HttpPost, Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Create(RecordSurveyResponse.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates a response (send its <c>accountId</c>). Send the <c>version</c> you read; a newer version answers 409. Managers and admins.</summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.ManagerWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update([FromRoute] Guid id, EditSurveyResponse.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

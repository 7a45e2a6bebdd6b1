using Mediator;
using MedTechAccounts.Core.Features.People;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.People;

/// <summary>Departure exposure of the people who meet the caller's accounts (managers, executives and admins).</summary>
[Route("api/people")]
public sealed class PeopleApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Everyone who met the caller's accounts, per region, the most CLV at stake first.</summary>
    [HttpGet("exposure"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<TeamExposure.Result> Team() => await sender.Send(new TeamExposure.Query());

    /// <summary>
    /// One person's exposure: the accounts whose relationship runs through them with the CLV at stake, the contacts only
    /// they met in the last year, and their handover plan's progress. A person outside the caller's scope answers 404.
    /// </summary>
    [HttpGet("{id:guid}/exposure"), Authorize(Roles = RoleSets.Leadership)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<PersonExposure.Result> Get(Guid id) => await sender.Send(new PersonExposure.Query(id));
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Users;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>Users and their roles, territories and regions (administrators). Never returns password hashes, security stamps or authenticator keys.</summary>
[Route("api/users")]
[Authorize(Roles = Roles.Admin)]
public sealed class UsersApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists users with search (name or e-mail), role and active filters, and paging.</summary>
    [HttpGet]
    public async Task<PagedResult<UserList.Row>> List([FromQuery] UserList.Query query) => await sender.Send(query);

    /// <summary>One user, with the <c>concurrencyStamp</c> to send back with an edit.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<UserDetails.Result> Get(Guid id) => await sender.Send(new UserDetails.Query(id));

    /// <summary>Creates a user with an initial password, held to the password rules.</summary>
    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateUser.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates a user. Send the <c>concurrencyStamp</c> you read; a newer one on the server answers 409.</summary>
    [HttpPut("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, EditUser.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }

    /// <summary>Lifts a lockout after failed sign-ins.</summary>
    [HttpPost("{id:guid}/unlock")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Unlock(Guid id)
    {
        await sender.Send(new UnlockUser.Command(id));
        return NoContent();
    }

    /// <summary>Turns two-factor sign-in off and replaces the authenticator key; the user enrols again.</summary>
    [HttpPost("{id:guid}/reset-two-factor")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ResetTwoFactor(Guid id)
    {
        await sender.Send(new ResetTwoFactor.Command(id));
        return NoContent();
    }
}

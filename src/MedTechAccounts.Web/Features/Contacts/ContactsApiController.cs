using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Contacts;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Contacts;

/// <summary>People at the caller's accounts (never patients).</summary>
[Route("api/contacts")]
public sealed class ContactsApiController(ISender sender) : ApiControllerBase
{
    [HttpGet]
    public async Task<PagedResult<ContactList.Row>> List([FromQuery] ContactList.Query query) => await sender.Send(query);

    [HttpGet("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<EditContact.Command> Get(Guid id) => await sender.Send(new EditContact.Query(id));

    [HttpPost, Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateContact.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, EditContact.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

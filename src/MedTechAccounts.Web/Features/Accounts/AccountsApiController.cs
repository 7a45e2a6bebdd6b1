using Mediator;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Accounts;

/// <summary>Hospital accounts, scoped to the caller's territories.</summary>
[Route("api/accounts")]
public sealed class AccountsApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists accounts with search, filters, sorting and paging.</summary>
    [HttpGet]
    [KeptPage]
    public async Task<PagedResult<AccountList.Row>> List([FromQuery] AccountList.Query query) => await sender.Send(query);

    /// <summary>One account with hierarchy, contacts, install-base summary and latest interactions.</summary>
    [HttpGet("{id:guid}")]
    [KeptPage]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<AccountDetails.Result> Get(Guid id) => await sender.Send(new AccountDetails.Query(id));

    /// <summary>Creates an account.</summary>
    [HttpPost, Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateAccount.Command command)
    {
        var id = await sender.Send(command);
        return CreatedAtAction(nameof(Get), new { id }, new { id });
    }

    /// <summary>Updates an account. Send the <c>version</c> you read; a newer version on the server answers 409.</summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, EditAccount.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

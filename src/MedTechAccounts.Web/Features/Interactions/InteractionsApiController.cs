using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Interactions;

/// <summary>Visits, calls and other rep touches, scoped to the caller's territories.</summary>
[Route("api/interactions")]
public sealed class InteractionsApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists interactions, newest first, by account, time window (UTC, <c>from</c> inclusive, <c>to</c> exclusive) and type.</summary>
    [HttpGet]
    [KeptPage]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<PagedResult<InteractionList.Row>> List([FromQuery] InteractionList.Query query) => await sender.Send(query);

    /// <summary>One interaction with its contacts, devices, voice of the customer and patient-information <c>warnings</c>.</summary>
    [HttpGet("{id:guid}")]
    [KeptPage]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<InteractionDetails.Result> Get(Guid id) => await sender.Send(new InteractionDetails.Query(id));

    /// <summary>
    /// Logs an interaction. Idempotent on the client-generated <c>id</c>: 201 the first time, 200 with the
    /// same body when the identical request is sent again, 409 when a different request reuses the id.
    /// Notes that look like they hold patient identifiers are held: 422 problem details with one message per reason
    /// under <c>errors.Notes</c>, and nothing stored, unless <c>confirmedNoPatientInformation</c> is <c>true</c> (the rep
    /// saw the reasons and confirmed there is none); the stored visit's body then carries them as <c>warnings</c>.
    /// An in-service training (<c>type</c> <c>InServiceTraining</c>) also needs <c>trainedProductId</c> and
    /// <c>attendees</c>: each with <c>name</c>, optional <c>contactId</c> and <c>role</c>, <c>signature</c> (a PNG,
    /// base64 or data URL, at most 256 KB) and <c>signedAt</c> (UTC). Signatures are stored with the visit and never change.
    /// </summary>
    [HttpPost, Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(typeof(InteractionDetails.Result), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(InteractionDetails.Result), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Log(LogVisit.Command command)
    {
        var logged = await sender.Send(command);
        return logged.Created
            ? CreatedAtAction(nameof(Get), new { id = logged.Interaction.Id }, logged.Interaction)
            : Ok(logged.Interaction);
    }

    /// <summary>One attendee's signature of an in-service training, as the PNG image that was signed.</summary>
    [HttpGet("{id:guid}/sign-offs/{signOffId:guid}/signature.png")]
    [Produces("image/png")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Signature(Guid id, Guid signOffId) =>
        File(await sender.Send(new AttendanceSheet.SignatureQuery(id, signOffId)), "image/png");

    /// <summary>
    /// Corrects an interaction (its author, a manager or an admin). Send the <c>version</c> you read; a newer one answers 409.
    /// Notes that look like they hold patient identifiers answer 422 and change nothing unless <c>confirmedNoPatientInformation</c> is <c>true</c>.
    /// </summary>
    [HttpPut("{id:guid}"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Update(Guid id, EditInteraction.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }

    /// <summary>
    /// Redacts the interaction's notes (compliance officers, the Admin role): the notes and every audit entry's copy of
    /// them become <c>[redacted by compliance]</c>, and one audit entry records who, when and the <c>reason</c> given.
    /// </summary>
    [HttpPost("{id:guid}/redactions"), Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Redact(Guid id, RedactNotes.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }

    /// <summary>Marks the interaction's next step done. Send the <c>version</c> you read.</summary>
    [HttpPost("{id:guid}/next-step/done"), Authorize(Roles = RoleSets.FieldWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> CompleteNextStep(Guid id, CompleteNextStep.Command command)
    {
        await sender.Send(command with { Id = id });
        return NoContent();
    }
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Audit;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Interactions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>
/// The audit log browser. Read-only but for one audited action: a compliance officer's redaction of an interaction's
/// notes; there is deliberately no action that edits or deletes an entry otherwise.
/// </summary>
[Route("admin/audit")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AuditController(ISender sender) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditLog.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Audit(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new AuditLogPage(query, await sender.Send(query)));

    [HttpGet("interactions/{id:guid}/redactions/new")]
    public async Task<IActionResult> Redact(Guid id)
    {
        await sender.Send(new InteractionDetails.Query(id));
        return View(new RedactNotes.Command { Id = id });
    }

    /// <summary>The one change an audit entry allows: its copy of a note replaced by the redaction marker.</summary>
    [HttpPost("interactions/{id:guid}/redactions")]
    public async Task<IActionResult> Redact(Guid id, RedactNotes.Command command)
    {
        await sender.Send(command with { Id = id });
        return Redirect($"/admin/audit?Entity=Interaction&EntityId={id}");
    }
}

public sealed record AuditLogPage(AuditLog.Query Query, PagedResult<AuditLog.Row> Result);

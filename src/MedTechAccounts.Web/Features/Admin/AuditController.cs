using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Audit;
using MedTechAccounts.Core.Features.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>The audit log browser. Read-only: there is deliberately no action that edits or deletes an entry.</summary>
[Route("admin/audit")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AuditController(ISender sender) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditLog.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Audit(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new AuditLogPage(query, await sender.Send(query)));
}

public sealed record AuditLogPage(AuditLog.Query Query, PagedResult<AuditLog.Row> Result);

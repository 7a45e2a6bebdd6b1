using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Audit;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>The audit trail (administrators). Read-only: entries cannot be changed or deleted through any route.</summary>
[Route("api/audit")]
[Authorize(Roles = Roles.Admin)]
public sealed class AuditApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Audit entries, newest first, filtered by entity, id, user, action, field and UTC time range.</summary>
    [HttpGet]
    public async Task<PagedResult<AuditLog.Row>> List([FromQuery] AuditLog.Query query) => await sender.Send(query);
}

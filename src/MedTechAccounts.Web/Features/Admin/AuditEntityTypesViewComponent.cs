using Mediator;
using MedTechAccounts.Core.Features.Audit;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>Suggestions (a datalist) of the entity type names the audit log can hold.</summary>
public sealed class AuditEntityTypesViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(string Id, IReadOnlyList<string> Names);

    public async Task<IViewComponentResult> InvokeAsync(string id) => View(new Model(id, await sender.Send(new AuditedEntityTypes.Query())));
}

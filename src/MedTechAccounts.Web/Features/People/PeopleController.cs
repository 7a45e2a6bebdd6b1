using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.People;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.People;

/// <summary>
/// Departure exposure: per team (a manager's region) or per region (executives), a ranked table and chart of what walks
/// out of the door with each person, the drill-down to one person's accounts and contacts, their handover plan and the
/// bulk reassignment of the accounts they own. CSV exports of each table.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Route("people")]
public sealed class PeopleController(ISender sender) : Controller
{
    [HttpGet("exposure"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> Exposure([FromQuery] string? format)
    {
        var result = await sender.Send(new TeamExposure.Query());
        return format == "csv" ? ExposureExports.Team(result) : View(result);
    }

    [HttpGet("{id:guid}/exposure"), Authorize(Roles = RoleSets.Leadership)]
    public async Task<IActionResult> Person(Guid id, [FromQuery] string? format)
    {
        var result = await sender.Send(new PersonExposure.Query(id));
        return format switch
        {
            "csv" => ExposureExports.Accounts(result),
            "contacts-csv" => ExposureExports.Contacts(result),
            _ => View(result),
        };
    }

    /// <summary>Creates the handover plan's tasks (none twice) and comes back to the person's exposure.</summary>
    [HttpPost("{id:guid}/handover-plan"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> HandoverPlan(Guid id)
    {
        var result = await sender.Send(new CreateHandoverPlan.Command(id));
        TempData["Status"] = ExposureText.PlanStatus(result);
        return Redirect($"/people/{id}/exposure#handover-plan");
    }

    [HttpGet("{id:guid}/reassign"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Reassign(Guid id) => View(await sender.Send(new ReassignAccounts.Query(id)));

    /// <summary>Gives the chosen accounts (and the person's open tasks on them) to their new owners in one save.</summary>
    [HttpPost("{id:guid}/reassign"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Reassign(Guid id, ReassignAccounts.Command command)
    {
        var result = await sender.Send(command with { PersonId = id });
        TempData["Status"] = $"{result.Accounts} account{(result.Accounts == 1 ? "" : "s")} reassigned, {result.Tasks} open task{(result.Tasks == 1 ? "" : "s")} moved with {(result.Accounts == 1 ? "it" : "them")}.";
        return Redirect($"/people/{id}/exposure");
    }
}

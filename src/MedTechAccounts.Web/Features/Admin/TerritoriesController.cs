using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Territories;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Admin;

/// <summary>Territory administration pages.</summary>
[Route("admin/territories")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TerritoriesController(ISender sender) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] TerritoryList.Query query) => View(new TerritoryListPage(query, await sender.Send(query)));

    [HttpGet("new")]
    public IActionResult Create() => View(new CreateTerritory.Command());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateTerritory.Command command)
    {
        await sender.Send(command);
        TempData["Status"] = $"Territory {command.Name.Trim()} created.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id) => View(await sender.Send(new EditTerritory.Query(id)));

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, EditTerritory.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Territory {command.Name.Trim()} saved.";
        return RedirectToAction(nameof(Index));
    }
}

public sealed record TerritoryListPage(TerritoryList.Query Query, PagedResult<TerritoryList.Row> Result);

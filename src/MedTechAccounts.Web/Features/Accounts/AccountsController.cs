using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Accounts;

[Route("accounts")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AccountsController(ISender sender) : Controller
{
    [HttpGet("")]
    [KeptPage]
    public async Task<IActionResult> Index([FromQuery] AccountList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Accounts(await AllPages.ReadAsync(p => sender.Send(query with { Page = p, PageSize = AllPages.PageSize })))
        : View(new AccountListPage(query, await sender.Send(query)));

    [HttpGet("{id:guid}")]
    [KeptPage]
    public async Task<IActionResult> Details(Guid id) => View(await sender.Send(new AccountDetails.Query(id)));

    /// <summary>All of an account's interactions, newest first and paged; <c>?format=csv</c> downloads every one.</summary>
    [HttpGet("{id:guid}/timeline")]
    [KeptPage]
    public async Task<IActionResult> Timeline(Guid id, [FromQuery] int page = 1, [FromQuery] string? format = null) =>
        IsCsv(format)
            ? Account360Csv.Timeline(await sender.Send(new InteractionTimeline.Query(id) { All = true }))
            : View(new InteractionTimelineModel(await sender.Send(new InteractionTimeline.Query(id) { Page = page }), FullPage: true));

    /// <summary>The influence map as CSV: every contact with role, influence and who met them in the last year.</summary>
    [HttpGet("{id:guid}/influence/export.csv")]
    public async Task<IActionResult> InfluenceCsv(Guid id) => Account360Csv.Influence(id, await sender.Send(new InfluenceMap.Query(id)));

    [HttpGet("new"), Authorize(Roles = RoleSets.FieldWriters)]
    public IActionResult Create(Guid? territoryId) => View(new CreateAccount.Command { TerritoryId = territoryId ?? Guid.Empty });

    [HttpPost("new"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Create(CreateAccount.Command command)
    {
        var id = await sender.Send(command);
        TempData["Status"] = $"Account {command.Name} created.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:guid}/edit"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Edit(Guid id) => View(await sender.Send(new EditAccount.Query(id)));

    [HttpPost("{id:guid}/edit"), Authorize(Roles = RoleSets.FieldWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditAccount.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = $"Account {command.Name} saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
}

public sealed record AccountListPage(AccountList.Query Query, Core.Features.Common.PagedResult<AccountList.Row> Result);

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Surveys;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Surveys;

/// <summary>NPS survey responses: the list with the net promoter score, recording and correcting answers.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class SurveysController(ISender sender) : Controller
{
    [HttpGet("surveys")]
    public async Task<IActionResult> Index([FromQuery] SurveyList.Query query, [FromQuery] string? format) => format == "csv"
        ? ListExports.Surveys(await AllPages.ReadAsync<SurveyList.Row>(async p => { var r = await sender.Send(query with { Page = p, PageSize = AllPages.PageSize }); return (r.Items, r.TotalCount); }))
        : View(new SurveyListPage(query, await sender.Send(query)));

    [HttpGet("accounts/{accountId:guid}/surveys/new"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId)
    {
        // The account must be one the caller may see before a form for it is shown.
        await sender.Send(new AccountDetails.Query(accountId));
        return View(new RecordSurveyResponse.Command { AccountId = accountId, Date = DateOnly.FromDateTime(DateTime.UtcNow) });
    }

    [HttpPost("accounts/{accountId:guid}/surveys/new"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Create([FromRoute] Guid accountId, RecordSurveyResponse.Command command)
    {
        await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = "Survey response recorded.";
        return Redirect($"/surveys?AccountId={accountId}");
    }

    [HttpGet("surveys/{id:guid}/edit"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id) => View(await sender.Send(new EditSurveyResponse.Query(id)));

    [HttpPost("surveys/{id:guid}/edit"), Authorize(Roles = RoleSets.ManagerWriters)]
    public async Task<IActionResult> Edit([FromRoute] Guid id, EditSurveyResponse.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = "Survey response saved.";
        return Redirect($"/surveys?AccountId={command.AccountId}");
    }
}

public sealed record SurveyListPage(SurveyList.Query Query, SurveyList.Result Result);

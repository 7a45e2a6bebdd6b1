using Mediator;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Interactions;

/// <summary>Logging a visit on a tablet, correcting one, and completing next steps from the home page.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Authorize(Roles = RoleSets.FieldWriters)]
public sealed class InteractionsController(ISender sender) : Controller
{
    /// <summary>From the home page's account picker: on to that account's visit form.</summary>
    [HttpGet("visits/new")]
    public IActionResult Pick(Guid? accountId) => accountId is { } id && id != Guid.Empty
        ? Redirect($"/accounts/{id}/visits/new")
        : Redirect("/");

    /// <summary>The blank form; a kept copy gets a new visit id each time it is served, so two forms never share one.</summary>
    [HttpGet("accounts/{accountId:guid}/visits/new")]
    [KeptPage]
    public async Task<IActionResult> LogVisit(Guid accountId)
    {
        var form = await sender.Send(new LogVisitForm.Query(accountId));
        PageCache.RenewOnEachServe(HttpContext, form.Id);
        return View(form);
    }

    [HttpPost("accounts/{accountId:guid}/visits/new")]
    public async Task<IActionResult> LogVisit(Guid accountId, LogVisit.Command command)
    {
        var logged = await sender.Send(command with { AccountId = accountId });
        TempData["Status"] = VisitStatus.Of(logged);
        return Redirect($"/accounts/{accountId}");
    }

    /// <summary>The printable attendance sheet of an in-service training.</summary>
    [HttpGet("interactions/{id:guid}/attendance")]
    public async Task<IActionResult> Attendance(Guid id) => View(await sender.Send(new AttendanceSheet.Query(id)));

    [HttpGet("interactions/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id) => View(await sender.Send(new EditInteraction.Query(id)));

    [HttpPost("interactions/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, EditInteraction.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = "Interaction saved.";
        return Redirect($"/accounts/{command.AccountId}");
    }

    [HttpPost("interactions/{id:guid}/next-step/done")]
    public async Task<IActionResult> CompleteNextStep(Guid id, CompleteNextStep.Command command)
    {
        await sender.Send(command with { Id = id });
        TempData["Status"] = "Next step marked done.";
        return Redirect("/");
    }
}

/// <summary>The confirmation after a visit is logged, with the patient-information warning when the rep stored flagged notes they confirmed.</summary>
public static class VisitStatus
{
    public static string Of(LogVisit.Result logged)
    {
        var what = logged.Created ? "Visit logged." : "This visit was already logged; nothing was added.";
        return logged.Interaction.Warnings.Count == 0
            ? what
            : $"{what} Warning: {string.Join(" ", logged.Interaction.Warnings)} {PatientIdentifierCheck.Reminder} You confirmed there is none; edit the visit if there is.";
    }
}

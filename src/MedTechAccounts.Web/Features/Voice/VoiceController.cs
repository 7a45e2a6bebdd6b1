using System.Globalization;
using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions.Voice;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Voice;

/// <summary>
/// The customers' voice by product, for product managers and executives (managers read their region's): the problems
/// stated at visits grouped by product family and theme, with the trend, the CLV of the accounts that raised them
/// and the verbatim items. Product answers a theme ("heard by product"), and the reps get tasks to tell the customers.
/// </summary>
[Route("voice")]
[OpenToProduct]
[Authorize(Roles = RoleSets.VoiceReaders)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class VoiceController(ISender sender) : Controller
{
    /// <summary>The page; <c>?format=csv</c> downloads one row per family and theme.</summary>
    [HttpGet("")]
    [KeptPage]
    public async Task<IActionResult> Index([FromQuery] VoiceByProduct.Query query, [FromQuery] string? format)
    {
        var result = await sender.Send(query);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? Csv(result) : View(result);
    }

    [HttpGet("heard")]
    [Authorize(Roles = RoleSets.VoiceResponders)]
    public IActionResult Heard([FromQuery] string themeKey, [FromQuery] string? family, [FromQuery] string? theme, [FromQuery] int quarters = 8)
    {
        ViewData["Theme"] = theme ?? themeKey;
        return View(new HearProblem.Command { ThemeKey = themeKey ?? "", Family = family, Quarters = quarters });
    }

    [HttpPost("heard")]
    [Authorize(Roles = RoleSets.VoiceResponders)]
    public async Task<IActionResult> Heard(HearProblem.Command command)
    {
        var result = await sender.Send(command);
        var withoutRep = result.AccountsWithoutRep > 0 ? $", {result.AccountsWithoutRep} accounts have no rep" : "";
        TempData["Status"] = FormattableString.Invariant(
            $"Heard \"{result.Theme}\": {result.TasksRaised} reps got a task to tell their customers ({result.TasksUpdated} open tasks updated{withoutRep}).");
        return Redirect("/voice");
    }

    [HttpGet("synonyms")]
    public async Task<IActionResult> Synonyms() => View(await sender.Send(new EditVoiceSynonyms.Query()));

    [HttpPost("synonyms")]
    [Authorize(Roles = RoleSets.VoiceResponders)]
    public async Task<IActionResult> Synonyms(EditVoiceSynonyms.Command command)
    {
        await sender.Send(command);
        TempData["Status"] = "Synonyms saved. The themes below use them.";
        return Redirect("/voice");
    }

    private static CsvDownload Csv(VoiceByProduct.Result result) =>
        CsvDownload.Of("customer-voice.csv", result.Families.SelectMany(f => f.Themes),
            new CsvColumn<VoiceByProduct.ThemeRow>("Family", t => t.Family),
            new CsvColumn<VoiceByProduct.ThemeRow>("Theme", t => t.Theme),
            new CsvColumn<VoiceByProduct.ThemeRow>("Accounts", t => t.Accounts),
            new CsvColumn<VoiceByProduct.ThemeRow>("Items", t => t.Items),
            new CsvColumn<VoiceByProduct.ThemeRow>("FirstRaised", t => t.FirstRaised.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new CsvColumn<VoiceByProduct.ThemeRow>("LastRaised", t => t.LastRaised.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new CsvColumn<VoiceByProduct.ThemeRow>("ByQuarter", t => string.Join(' ', result.QuarterLabels.Zip(t.ByQuarter, (q, n) => $"{q}:{n}"))),
            new CsvColumn<VoiceByProduct.ThemeRow>("AccountsClv", t => t.AccountsClv),
            new CsvColumn<VoiceByProduct.ThemeRow>("Models", t => string.Join("; ", t.Models.Select(m => $"{m.Model} ({m.Items})"))),
            new CsvColumn<VoiceByProduct.ThemeRow>("HeardByProduct", t => t.Heard?.Response ?? ""));
}

/// <summary>The customers' voice by product, as JSON (the same readers and scope as the page).</summary>
[Route("api/voice")]
[OpenToProduct]
[Authorize(Roles = RoleSets.VoiceReaders)]
public sealed class VoiceApiController(ISender sender) : ApiControllerBase
{
    /// <summary>Themes per product family: accounts, items, quarters, CLV of the accounts, models, verbatim items, product's answer.</summary>
    [HttpGet]
    public async Task<VoiceByProduct.Result> Get([FromQuery] VoiceByProduct.Query query) => await sender.Send(query);

    /// <summary>Marks a theme heard by product with its answer; each account's rep gets a task to tell the customer.</summary>
    [HttpPost("heard"), Authorize(Roles = RoleSets.VoiceResponders)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<HearProblem.Result> Heard(HearProblem.Command command) => await sender.Send(command);
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Home;

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class HomeController(ISender sender) : Controller
{
    /// <summary>
    /// A rep's day: accounts in priority order, open tasks and next steps, and a quick way to log a visit; a welcome
    /// for the other roles. <c>?format=csv</c> downloads the whole priority list.
    /// </summary>
    [HttpGet("/")]
    [KeptPage]
    [OpenToProduct]
    public async Task<IActionResult> Index([FromQuery] string? format)
    {
        if (ProductOnlyWhereOpen.IsProductOnly(User))
        {
            // Product managers have one page: the customers' voice.
            return Redirect("/voice");
        }

        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? PrioritiesCsv(await sender.Send(new AccountPriorities.Query { Take = 0 }))
            : View(await sender.Send(new RepHome.Query()));
    }

    /// <summary>All of my open next steps, paged; the home page shows the first ones.</summary>
    [HttpGet("/next-steps")]
    [KeptPage]
    public async Task<IActionResult> NextSteps([FromQuery] MyNextSteps.Query query) => View(await sender.Send(query));

    private static CsvDownload PrioritiesCsv(AccountPriorities.Result result) =>
        CsvDownload.Of("account-priorities.csv", result.Rows,
            new CsvColumn<AccountPriorities.Row>("Rank", r => r.Rank),
            new CsvColumn<AccountPriorities.Row>("Account", r => r.Name),
            new CsvColumn<AccountPriorities.Row>("AccountId", r => r.AccountId.ToString()),
            new CsvColumn<AccountPriorities.Row>("City", r => r.City),
            new CsvColumn<AccountPriorities.Row>("State", r => r.State),
            new CsvColumn<AccountPriorities.Row>("Segment", r => Words.Of(r.Segment)),
            new CsvColumn<AccountPriorities.Row>("OpenCriticalIncidents", r => r.OpenCriticalIncidents),
            new CsvColumn<AccountPriorities.Row>("OpenIncidents", r => r.OpenIncidents),
            new CsvColumn<AccountPriorities.Row>("HealthScore", r => r.HealthScore),
            new CsvColumn<AccountPriorities.Row>("RiskTier", r => r.RiskTier is { } t ? Words.Of(t) : null),
            new CsvColumn<AccountPriorities.Row>("Clv", r => r.Clv, Money: true),
            new CsvColumn<AccountPriorities.Row>("Risk", r => r.Risk),
            new CsvColumn<AccountPriorities.Row>("Priority", r => r.Priority, Money: true),
            new CsvColumn<AccountPriorities.Row>("ScoreAsOf", r => r.ScoreAsOf),
            new CsvColumn<AccountPriorities.Row>("TopReason", r => r.TopReason));

    /// <summary>Error page without internals (no stack traces outside Development).</summary>
    /// Any method: the status-code pages re-run the failed request (PUT, DELETE…) here. Only client and server
    /// error codes have a page; any other number is not found (a 1xx, 2xx or 3xx has no error to show).
    [Route("/error"), Route("/error/{status:int:range(400,599)}"), AllowAnonymous, IgnoreAntiforgeryToken]
    public IActionResult Error([FromRoute] int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
        if (path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(statusCode: code, title: code == 500 ? "An unexpected error occurred." : null);
        }

        Response.StatusCode = code;
        return code == StatusCodes.Status404NotFound ? View("NotFound") : View("Error", code);
    }
}

using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Offline;

/// <summary>The tablet's outbox page: its list lives in the browser (IndexedDB), js/outbox-page.js draws it.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class OfflineController : Controller
{
    [HttpGet("outbox")]
    public IActionResult Outbox() => View();
}

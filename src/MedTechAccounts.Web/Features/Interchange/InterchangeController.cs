using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interchange;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Interchange;

/// <summary>CSV import (upload, then the per-line error report) and export downloads of every kind, for administrators.</summary>
[Route("admin/interchange")]
[Authorize(Roles = Roles.Admin)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class InterchangeController(ISender sender) : Controller
{
    /// <summary>Upload limit of this route: a 100,000-line file is well under it.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Index() => View(new InterchangePage(null, null, null));

    [HttpPost("import")]
    [RequestSizeLimit(MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
    public async Task<IActionResult> Import(ImportForm form)
    {
        await using var content = form.File?.OpenReadStream() ?? Stream.Null;
        var result = await sender.Send(new ImportCsv.Command(form.Kind, content, form.ConfirmedNoPatientInformation));
        if (!result.Succeeded)
        {
            var page = View(nameof(Index), new InterchangePage(form.Kind, result, form.File?.FileName));
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }

        TempData["Status"] = $"Imported {result.Kind}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged ({result.Lines} lines).";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("export/{kind}")]
    public async Task<IActionResult> Export(string kind)
    {
        var output = new MemoryStream();
        var result = await sender.Send(new ExportCsv.Query(kind, output));
        output.Position = 0;
        return File(output, "text/csv; charset=utf-8", $"{result.Kind}.csv");
    }
}

/// <summary>The upload form: the kind and the file.</summary>
public sealed class ImportForm
{
    public string Kind { get; set; } = "";
    public IFormFile? File { get; set; }

    /// <summary>Ticked: the interaction notes of the file hold no patient information, so flagged notes are imported.</summary>
    public bool ConfirmedNoPatientInformation { get; set; }
}

/// <summary>The page: the kinds with their columns, and the report of a refused file.</summary>
public sealed record InterchangePage(string? Kind, ImportCsv.Result? Failed, string? FileName);

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>One sheet of a workbook: its name, header and rows of cells (numbers stay numbers, text stays text).</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<bool>? MoneyColumns = null)
{
    /// <summary>A sheet of <paramref name="rows"/> with one column per <paramref name="columns"/> entry (the CSV columns).</summary>
    public static XlsxSheet Of<T>(string name, IEnumerable<T> rows, params CsvColumn<T>[] columns) =>
        new(name, [.. columns.Select(c => c.Header)], [.. rows.Select(r => (IReadOnlyList<object?>)[.. columns.Select(c => c.Value(r))])],
            [.. columns.Select(c => c.Money)]);
}

/// <summary>
/// A workbook download (.xlsx, Office Open XML) with one sheet per table. Numbers are written as numbers, dates as ISO
/// text, and text as inline strings, so a cell never becomes a formula.
/// </summary>
public sealed class XlsxDownload(string fileName, IReadOnlyList<XlsxSheet> sheets) : IActionResult
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileName { get; } = fileName;

    public static XlsxDownload Of(string fileName, params XlsxSheet[] sheets) => new(fileName, sheets);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        using var buffer = new MemoryStream();
        Write(buffer, sheets, context.HttpContext.RequestServices.GetService<MoneyFormat>());
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
    }

    /// <summary>Writes the workbook to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<XlsxSheet> sheets, MoneyFormat? money = null)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetList = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.AppendChild(RowOf(1, CsvDownload.Headers(sheet.Headers, sheet.MoneyColumns, money).Cast<object?>().ToList()));
            uint rowIndex = 2;
            foreach (var row in sheet.Rows)
            {
                data.AppendChild(RowOf(rowIndex++, row));
            }

            part.Worksheet = new Worksheet(data);
            sheetList.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(sheet.Name) });
        }

        workbook.Workbook.Save();
    }

    private static Row RowOf(uint index, IReadOnlyList<object?> values)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            row.AppendChild(CellOf(reference, values[i]));
        }

        return row;
    }

    private static Cell CellOf(string reference, object? value) => value switch
    {
        null => new Cell { CellReference = reference },
        decimal or double or float or int or long or short => new Cell
        {
            CellReference = reference,
            DataType = CellValues.Number,
            // The CSV cell's text: invariant, and money without the scale one database adds (15000.00 vs 15000).
            CellValue = new CellValue(CsvDownload.Cell(value)),
        },
        bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(CsvDownload.Cell(value).TrimStart('\'')) { Space = SpaceProcessingModeValues.Preserve }),
        },
    };

    /// <summary>A, B, …, Z, AA, AB, … for column 0, 1, ….</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Sheet names are at most 31 characters without []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        return clean.Length > 31 ? clean[..31] : clean;
    }
}

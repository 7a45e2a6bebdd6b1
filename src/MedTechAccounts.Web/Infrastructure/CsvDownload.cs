using System.Globalization;
using CsvHelper;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interchange;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// One column of a CSV download: its header and how a row's cell is written. A <paramref name="Money"/> column's header
/// names the currency ("Net amount (USD)", <see cref="MoneyFormat.Title"/>); its cells stay plain numbers for spreadsheets.
/// </summary>
public sealed record CsvColumn<T>(string Header, Func<T, object?> Value, bool Money = false);

/// <summary>
/// A list or dashboard table as a CSV download (UTF-8 with a byte-order mark so spreadsheets read accents,
/// comma-separated, RFC 4180 quoting, invariant numbers and ISO dates). Build one with <see cref="CsvDownload.Of{T}"/>.
/// </summary>
public sealed class CsvDownload(string fileName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
    IReadOnlyList<bool>? moneyColumns = null) : IActionResult
{
    public string FileName { get; } = fileName;

    /// <summary>A download of <paramref name="rows"/> with one column per <paramref name="columns"/> entry.</summary>
    public static CsvDownload Of<T>(string fileName, IEnumerable<T> rows, params CsvColumn<T>[] columns) =>
        new(fileName, [.. columns.Select(c => c.Header)],
            rows.Select(row => (IReadOnlyList<string>)[.. columns.Select(c => Cell(c.Value(row)))]),
            [.. columns.Select(c => c.Money)]);

    /// <summary>The headers as written: a money column's with the configured currency.</summary>
    public static IReadOnlyList<string> Headers(IReadOnlyList<string> headers, IReadOnlyList<bool>? moneyColumns, MoneyFormat? money) =>
        money is null || moneyColumns is null
            ? headers
            : [.. headers.Select((h, i) => i < moneyColumns.Count && moneyColumns[i] ? money.Title(h) : h)];

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        var ct = context.HttpContext.RequestAborted;

        await response.Body.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF }, ct);
        // The interchange files' format; formulas are neutralised in Cell, where a number like -2 can be told from one.
        await using var writer = CsvWriter.Create(response.Body, CsvFile.WriterOptions(), leaveOpen: true);
        await writer.WriteRecordAsync([.. Headers(headers, moneyColumns, context.HttpContext.RequestServices.GetService<MoneyFormat>())], ct);
        foreach (var row in rows)
        {
            await writer.WriteRecordAsync([.. row], ct);
        }

        await writer.FlushAsync(ct);
    }

    /// <summary>
    /// A cell's text. Text a spreadsheet would run as a formula (=, +, -, @, tab or return first, OWASP "CSV
    /// injection") gets a leading apostrophe (<see cref="CsvFile.Neutralise"/>, as the interchange export); numbers,
    /// including negative ones, stay numbers.
    /// </summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        // PostgreSQL returns money with its column's scale (15000.00), SQLite without (15000): the same file from both.
        decimal m => m.ToString("0.############################", CultureInfo.InvariantCulture),
        double or float or int or long or short => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        bool b => b ? "true" : "false",
        _ => CsvFile.Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}

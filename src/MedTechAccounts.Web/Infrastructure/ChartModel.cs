namespace MedTechAccounts.Web.Infrastructure;

/// <summary>One cell of a chart's table: the number drawn and the text people read (e.g. 12500 and "$12.5k").</summary>
public sealed record ChartCell(double? Value, string Text)
{
    public static ChartCell Of(double? value, string format = "N0") =>
        new(value, value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "—");
}

/// <summary>One x position of a chart (a quarter, a tier, a week) with one cell per series.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<ChartCell> Cells);

/// <summary>
/// A chart and its text alternative, rendered by <c>Views/Shared/_Chart.cshtml</c>: the table is the data, and
/// <c>wwwroot/js/charts.js</c> draws the chart from it. <paramref name="Type"/> is line, bar, stacked or doughnut.
/// </summary>
public sealed record ChartModel(
    string Id,
    string Description,
    string Type,
    string XTitle,
    IReadOnlyList<string> Series,
    IReadOnlyList<ChartRow> Rows,
    string? YTitle = null,
    bool BeginAtZero = true);

using MedTechAccounts.Core.Features.Interchange;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.UnitTests.Web;

/// <summary>The cells of CSV downloads: the same text from every database, and no formulas for a spreadsheet to run.</summary>
public sealed class CsvDownloadTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1 call back", "'+1 call back")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-", "'-")]
    [InlineData("Mercy General", "Mercy General")]
    [InlineData("-2", "-2")]
    [InlineData("-0.5", "-0.5")]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_neutralised_and_numbers_stay_numbers(string text, string cell) =>
        Assert.Equal(cell, CsvDownload.Cell(text));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("'=1+1", "''=1+1")]
    [InlineData("''@x", "'''@x")]
    [InlineData("'-2", "''-2")]
    [InlineData("'plain", "'plain")]
    [InlineData("'", "'")]
    [InlineData("-2", "-2")]
    [InlineData("\tindented", "'\tindented")]
    public void The_neutralisation_is_undone_exactly_on_import_so_every_value_round_trips(string text, string cell)
    {
        Assert.Equal(cell, CsvFile.Neutralise(text));
        Assert.Equal(text, CsvFile.Restore(CsvFile.Neutralise(text)));
    }

    [Theory]
    [InlineData("'-2")]
    [InlineData("'plain")]
    [InlineData("''")]
    public void A_cell_the_export_did_not_escape_is_read_as_it_is(string cell) => Assert.Equal(cell, CsvFile.Restore(cell));

    [Fact]
    public void Money_reads_the_same_whatever_scale_the_database_returned()
    {
        Assert.Equal("15000", CsvDownload.Cell(15000.00m));
        Assert.Equal("15000", CsvDownload.Cell(15000m));
        Assert.Equal("1234.5", CsvDownload.Cell(1234.50m));
        Assert.Equal("-0.75", CsvDownload.Cell(-0.750m));
    }

    [Fact]
    public void Dates_times_and_booleans_are_invariant()
    {
        Assert.Equal("2026-11-28", CsvDownload.Cell(new DateOnly(2026, 11, 28)));
        Assert.Equal("2026-11-28T09:05:00Z", CsvDownload.Cell(new DateTime(2026, 11, 28, 9, 5, 0, DateTimeKind.Utc)));
        Assert.Equal("true", CsvDownload.Cell(true));
        Assert.Equal("", CsvDownload.Cell(null));
        Assert.Equal("0.125", CsvDownload.Cell(0.125));
    }
}

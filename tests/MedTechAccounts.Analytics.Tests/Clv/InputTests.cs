using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

public sealed class InputTests
{
    private static SummaryTable Summary(string text) => ClvCsv.ReadSummary(new StringReader(text), "summary.csv");

    private static ClvInputException SummaryError(string text) => Assert.Throws<ClvInputException>(() => Summary(text));

    [Fact]
    public void Summary_headers_match_case_insensitively_and_accept_the_papers_names()
    {
        var a = Summary("ID,Frequency,Recency,t,Monetary_Value\n7,2,3.5,10,12.5\n");
        var b = Summary("x,t_x,T,zbar\r\n2,3.5,10,12.5\r\n");

        Assert.Equal(new CustomerSummary("7", 2, 3.5, 10, 12.5), a.Rows[0]);
        Assert.Equal(new CustomerSummary("0", 2, 3.5, 10, 12.5), b.Rows[0]);
        Assert.Equal(2, a.Lines[0]);
        Assert.True(b.HasMonetaryValue);
    }

    [Fact]
    public void Quoted_fields_follow_rfc_4180()
    {
        var table = Summary("id,frequency,recency,T\n\"a, \"\"b\"\"\",1,2,3\n");

        Assert.Equal("a, \"b\"", table.Rows[0].Id);
    }

    [Fact]
    public void A_negative_frequency_names_line_and_column()
    {
        var e = SummaryError("id,frequency,recency,T\n1,1,2,3\n2,-1,0,3\n");

        Assert.Equal(3, e.Line);
        Assert.Equal("frequency", e.Column);
        Assert.Equal("summary.csv", e.InputName);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recency_greater_than_T_is_an_error()
    {
        var e = SummaryError("x,t_x,T\n1,2,3\n2,40,38.86\n");

        Assert.Equal(3, e.Line);
        Assert.Equal("t_x", e.Column);
        Assert.Contains("greater than T", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("abc")]
    [InlineData("")]
    public void Non_finite_or_unreadable_numbers_are_errors(string value)
    {
        var e = SummaryError($"id,frequency,recency,T\n1,1,2,{value}\n");

        Assert.Equal(2, e.Line);
        Assert.Equal("T", e.Column);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var e = SummaryError(string.Empty);

        Assert.Equal(1, e.Line);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<ClvInputException>(() => ClvCsv.ReadTransactions(new StringReader("\n\n"), "t.txt")).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<ClvInputException>(() => ClvCsv.ReadSurvival(new StringReader(string.Empty), "s.csv")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        var e = SummaryError("id,frequency,recency,T\n");

        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var e = SummaryError("id,frequency,T\n1,1,3\n");

        Assert.Equal(1, e.Line);
        Assert.Contains("recency", e.Column, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_few_fields_is_an_error()
    {
        var e = SummaryError("id,frequency,recency,T\n1,1,2\n");

        Assert.Equal(2, e.Line);
        Assert.Contains("expected 4 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recency_without_repeat_purchases_is_an_error()
    {
        var e = SummaryError("id,frequency,recency,T\n1,0,2,3\n");

        Assert.Equal("recency", e.Column);
    }

    [Fact]
    public void Spend_without_repeat_purchases_is_an_error_in_the_spend_model_only()
    {
        var table = Summary("id,frequency,recency,T,monetary_value\n1,2,2,3,10\n2,1,1,3,20\n3,0,0,3,15\n");

        var data = FrequencyRecencyData.FromTable(table);
        var e = Assert.Throws<ClvInputException>(() => GammaGamma.Fit(table));

        Assert.Equal(3, data.Count);
        Assert.Equal(4, e.Line);
        Assert.Equal("monetary_value", e.Column);
        Assert.Contains("frequency 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_given_in_memory_name_the_row()
    {
        var e = Assert.Throws<ClvInputException>(() => FrequencyRecencyData.FromArrays([1, 2, -3], [1, 1, 0], [5, 5, 5]));

        Assert.Equal(2, e.Row);
        Assert.Equal("frequency", e.Column);
        Assert.Throws<ClvInputException>(() => new BgNbdParameters(1, 1, 1, 1).ProbabilityAlive(1, double.NaN, 3));
        Assert.Throws<ClvInputException>(() => new BgNbdParameters(1, 1, 1, 1).ConditionalExpectedTransactions(2, 5, 4, 10));
    }

    [Fact]
    public void Equal_histories_are_collapsed_with_weights()
    {
        var data = FrequencyRecencyData.FromArrays([0, 1, 1, 0, 1], [0, 2, 2, 0, 3], [5, 5, 5, 5, 5]);

        Assert.Equal(3, data.Count);
        Assert.Equal(5, data.TotalWeight);
        Assert.Equal([2.0, 2.0, 1.0], data.Weight);
    }

    [Fact]
    public void Survival_input_is_period_and_alive_and_must_not_increase()
    {
        var ok = ClvCsv.ReadSurvival(new StringReader("period,alive\n0,1000\n1,631\n2,468\n"), "s.csv");
        var rising = Assert.Throws<ClvInputException>(() => ClvCsv.ReadSurvival(new StringReader("period,alive\n0,1000\n1,631\n2,700\n"), "s.csv"));
        var gap = Assert.Throws<ClvInputException>(() => ClvCsv.ReadSurvival(new StringReader("period,alive\n0,1000\n2,631\n"), "s.csv"));

        Assert.Equal([1000.0, 631, 468], ok.Alive);
        Assert.Equal(4, rising.Line);
        Assert.Equal("alive", rising.Column);
        Assert.Equal(3, gap.Line);
        Assert.Equal("period", gap.Column);
    }

    [Fact]
    public void Transactions_are_read_from_csv_and_from_cdnow_like_whitespace_files()
    {
        var csv = ClvCsv.ReadTransactions(new StringReader("date,id\n2014-03-08 00:00:00,0\n2014-05-21 00:00:00,1\n"), "t.csv");
        var withValue = ClvCsv.ReadTransactions(new StringReader("id,date,value\na,2024-01-02,10.5\n"), "t.csv");
        var master = ClvCsv.ReadTransactions(new StringReader(" customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n"), "m.txt");
        var sample = ClvCsv.ReadTransactions(new StringReader(" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n"), "s.txt");

        Assert.False(csv.HasValues);
        Assert.Equal(new Transaction("1", new DateOnly(2014, 5, 21), 0), csv.Rows[1]);
        Assert.Equal(new Transaction("a", new DateOnly(2024, 1, 2), 10.5), withValue.Rows[0]);
        Assert.Equal(new Transaction("00001", new DateOnly(1997, 1, 1), 11.77), master.Rows[0]);
        Assert.Equal(new Transaction("00004", new DateOnly(1997, 1, 18), 29.73), sample.Rows[1]);
    }

    [Fact]
    public void A_bad_transaction_date_names_line_and_column()
    {
        var e = Assert.Throws<ClvInputException>(() => ClvCsv.ReadTransactions(new StringReader("id,date\n1,2024-01-02\n2,2024-13-40\n"), "t.csv"));

        Assert.Equal(3, e.Line);
        Assert.Equal("date", e.Column);
        Assert.Equal("t.csv: line 3: date: '2024-13-40' is not a date (YYYY-MM-DD or YYYYMMDD)", e.Message);
    }
}

using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

public sealed class BacktestTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<TransactionTable> Sample = new(() => ClvCsv.ReadTransactions(SharedData.Path("CDNOW_sample.txt")));

    [ClvDataFact]
    public void The_CDNOW_sample_split_at_1997_09_30_has_1882_repeat_purchase_days_in_the_holdout()
    {
        var split = TransactionSummary.Split(Sample.Value, CalibrationEnd, CalibrationEnd.AddDays(7 * 39));

        Assert.Equal(2357, split.Rows.Count);
        Assert.Equal(1882, split.HoldoutTransactions);
        Assert.Equal(39, split.HoldoutDuration, 1e-12);
        Assert.Equal(new DateOnly(1998, 6, 30), split.HoldoutEnd);
    }

    [ClvDataFact]
    public void Summaries_built_from_the_CDNOW_sample_match_the_published_summary_file()
    {
        var summaries = TransactionSummary.Summarize(Sample.Value, CalibrationEnd, TimeUnit.Weeks);
        var published = ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary_with_transactions.csv"));

        Assert.Equal(published.Rows.Count, summaries.Count);
        for (var i = 0; i < summaries.Count; i++)
        {
            var (ours, theirs) = (summaries[i], published.Rows[i]);
            Assert.Equal(theirs.Frequency, ours.Frequency);
            Assert.Equal(theirs.Recency, ours.Recency, 0.005 + 1e-9);
            Assert.Equal(theirs.T, ours.T, 0.005 + 1e-9);
            Assert.Equal(theirs.MonetaryValue!.Value, ours.MonetaryValue!.Value, 0.005 + 1e-9);
        }
    }

    [Fact]
    public void Several_orders_on_one_day_count_as_one_with_values_summed()
    {
        var table = new TransactionTable("t", [
            new("a", new DateOnly(2024, 1, 1), 10),
            new("a", new DateOnly(2024, 1, 8), 5),
            new("a", new DateOnly(2024, 1, 8), 7),
            new("a", new DateOnly(2024, 1, 22), 30),
            new("a", new DateOnly(2024, 2, 5), 99),
            new("b", new DateOnly(2024, 1, 29), 4),
            new("c", new DateOnly(2024, 2, 3), 4),
        ], HasValues: true);

        var days = TransactionSummary.Summarize(table, new DateOnly(2024, 1, 29), TimeUnit.Days);
        var weeks = TransactionSummary.Summarize(table, new DateOnly(2024, 1, 29), TimeUnit.Weeks);

        Assert.Equal(2, days.Count);
        Assert.Equal(new CustomerSummary("a", 2, 21, 28, 21, Math.Log(7) + Math.Log(14)), days[0]);
        Assert.Equal(new CustomerSummary("a", 2, 3, 4, 21), weeks[0] with { SumLogIntervals = null });
        Assert.Equal(Math.Log(2), weeks[0].SumLogIntervals!.Value, 1e-12);
        Assert.Equal(new CustomerSummary("b", 0, 0, 0, 0, 0), days[1]);
    }

    [ClvDataFact]
    public void Backtest_on_the_CDNOW_sample_reproduces_the_published_holdout_table()
    {
        var report = Backtest.Run(Sample.Value, CalibrationEnd, holdoutWeeks: 39);

        Assert.Equal(2357, report.Customers);
        Assert.Equal(1882, report.ActualTransactions);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], report.Buckets.Select(b => b.Frequency));
        Assert.Equal(0.2251, report.Buckets[0].Predicted, 0.001);
        Assert.Equal(0.2367, report.Buckets[0].Actual, 0.001);
        Assert.Equal(6.1570, report.Buckets[^1].Predicted, 0.001);
        Assert.Equal(6.3594, report.Buckets[^1].Actual, 0.001);
        Assert.Equal(report.Customers, report.Buckets.Sum(b => b.Customers));
        Assert.True(report.MeanAbsoluteError < report.NaiveMeanAbsoluteError, $"model MAE {report.MeanAbsoluteError}, naive {report.NaiveMeanAbsoluteError}");
    }
}

using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

public sealed class CdnowTests
{
    private static readonly Lazy<ModelFit<BgNbdParameters>> BgNbdFit = new(() =>
        BgNbd.Fit(FrequencyRecencyData.FromTable(ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary.csv")))));

    private static void Near(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected} ± {relative:P1}, got {actual}");

    [ClvDataFact]
    public void BG_NBD_on_the_CDNOW_summary_reproduces_the_published_parameters_and_log_likelihood()
    {
        var fit = BgNbdFit.Value;

        Assert.True(fit.Result.Converged);
        Assert.Equal(2357, fit.Result.Rows);
        Near(0.243, fit.Parameters.R, 0.01);
        Near(4.414, fit.Parameters.Alpha, 0.01);
        Near(0.793, fit.Parameters.A, 0.01);
        Near(2.426, fit.Parameters.B, 0.01);
        Assert.Equal(-9582.4, fit.Result.LogLikelihood, 0.1);
        Assert.Equal(["r", "alpha", "a", "b"], fit.Result.Parameters.Keys);
        Assert.All(fit.Result.StandardErrors.Values, se => Assert.True(se > 0 && double.IsFinite(se)));
    }

    [ClvDataFact]
    public void Gamma_Gamma_on_the_946_CDNOW_repeat_buyers_reproduces_the_published_parameters()
    {
        var table = ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary_with_transactions.csv"));

        var fit = GammaGamma.Fit(table);

        Assert.True(fit.Result.Converged);
        Assert.Equal(946, fit.Result.Rows);
        Near(6.25, fit.Parameters.P, 0.01);
        Near(3.74, fit.Parameters.Q, 0.01);
        Near(15.44, fit.Parameters.Gamma, 0.01);
    }

    [Fact]
    public void Customer_1_expects_1_226_transactions_in_the_next_39_weeks_at_the_published_parameters()
    {
        var parameters = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

        var expected = parameters.ConditionalExpectedTransactions(2, 30.43, 38.86, 39);

        Assert.Equal(1.226, expected, 0.001);
    }

    [ClvDataFact]
    public void The_summary_read_with_the_papers_column_names_equals_the_one_with_lifetimes_names()
    {
        var a = ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary.csv"));
        var b = ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary_with_transactions.csv"));

        Assert.Equal(a.Rows.Count, b.Rows.Count);
        Assert.False(a.HasMonetaryValue);
        Assert.True(b.HasMonetaryValue);
        Assert.Equal(2457, a.Rows.Sum(r => r.Frequency));
        Assert.Equal(35.08, b.Rows.Where(r => r.Frequency > 0).Average(r => r.MonetaryValue!.Value), 0.01);
        for (var i = 0; i < a.Rows.Count; i++)
        {
            Assert.Equal(a.Rows[i].Frequency, b.Rows[i].Frequency);
            Assert.Equal(a.Rows[i].Recency, b.Rows[i].Recency, 1e-9);
            Assert.Equal(a.Rows[i].T, b.Rows[i].T, 1e-9);
        }
    }
}

using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

public sealed class PublishedRetentionTests
{
    [ClvDataFact]
    public void Shifted_beta_geometric_fits_the_Fader_Hardie_2007_regular_segment_on_years_0_to_7()
    {
        var table = ClvCsv.ReadSurvival(SharedData.Path("sbg_regular_fader_hardie_2007.csv"));

        var fit = ShiftedBetaGeometric.Fit(table.Alive.Take(8).ToArray());

        Assert.Equal(0.704, fit.Parameters.Alpha, 0.001);
        Assert.Equal(1.182, fit.Parameters.Beta, 0.001);
        // Projection to year 12 stays within a few percent of the actual survivors (173 of 1,000).
        Assert.InRange(1000 * fit.Parameters.Survival(12), 165, 181);
    }

    [ClvDataFact]
    public void Shifted_beta_geometric_fits_the_Fader_Hardie_2007_high_end_segment_on_years_0_to_7()
    {
        var table = ClvCsv.ReadSurvival(SharedData.Path("sbg_highend_fader_hardie_2007.csv"));

        var fit = ShiftedBetaGeometric.Fit(table.Alive.Take(8).ToArray());

        Assert.Equal(0.668, fit.Parameters.Alpha, 0.001);
        Assert.Equal(3.806, fit.Parameters.Beta, 0.001);
    }

    [Fact]
    public void Survival_and_retention_curves_agree_and_retention_rises()
    {
        var p = new ShiftedBetaGeometricParameters(0.704, 1.182);

        var survival = p.SurvivalCurve(12);
        var retention = p.RetentionCurve(12);

        Assert.Equal(1, survival[0], 12);
        for (var t = 1; t <= 12; t++)
        {
            Assert.Equal(survival[t] / survival[t - 1], retention[t - 1], 12);
            Assert.Equal(survival[t - 1] - survival[t], p.ChurnProbability(t), 12);
        }

        Assert.True(retention.Zip(retention.Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public void DERL_equals_the_discounted_sum_of_conditional_survival()
    {
        var p = new ShiftedBetaGeometricParameters(0.668, 3.806);
        const double d = 0.1;
        for (var renewals = 0; renewals < 5; renewals++)
        {
            var sum = 0.0;
            for (var k = 0; k < 2_000; k++)
            {
                sum += p.Survival(renewals + k + 1) / p.Survival(renewals) / Math.Pow(1 + d, k);
            }

            Assert.Equal(sum, p.DiscountedExpectedResidualLifetime(d, renewals), 9);
            Assert.Equal(sum, p.ExpectedDiscountedRenewals(d, renewals, 2_000), 9);
        }

        Assert.True(p.ExpectedDiscountedRenewals(d, 0, 5) < p.DiscountedExpectedResidualLifetime(d, 0));
    }
}

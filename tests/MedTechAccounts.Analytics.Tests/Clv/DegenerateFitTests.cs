using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>Degenerate fits are named in the report, and sBG falls back to its geometric limit.</summary>
public sealed class DegenerateFitTests
{
    private static double[] GeometricCohort(double retention, int periods) =>
        Enumerable.Range(0, periods + 1).Select(t => Math.Round(1000 * Math.Pow(retention, t))).ToArray();

    [Fact]
    public void An_sBG_cohort_without_heterogeneity_falls_back_to_the_pooled_geometric_rate()
    {
        var fit = ShiftedBetaGeometric.Fit(GeometricCohort(0.61, 7));

        Assert.Equal("geometric", fit.Result.Fallback);
        Assert.Contains(fit.Result.Degeneracies, d => d.Kind is FitDegeneracy.ParameterAtBound or FitDegeneracy.StandardErrorExceedsEstimate);
        Assert.Contains(fit.Result.Warnings, w => w.StartsWith("No heterogeneity in retention detectable: using the pooled retention rate 0.61", StringComparison.Ordinal));
        Assert.All(fit.Result.Parameters.Values, v => Assert.True(v <= FitOptions.ParameterUpperBound));
        Assert.Equal(0.61, fit.Parameters.Retention(1), 0.005);
        Assert.Equal(fit.Parameters.Retention(1), fit.Parameters.Retention(9), 12);
        Assert.Equal(Math.Pow(fit.Parameters.Retention(1), 5), fit.Parameters.Survival(5), 12);
        var theta = fit.Parameters.GeometricChurn!.Value;
        Assert.Equal(fit.Parameters.ExpectedDiscountedRenewals(0.1, 0, 2_000), fit.Parameters.DiscountedExpectedResidualLifetime(0.1, 0), 9);
        Assert.Equal(theta, fit.Parameters.Alpha / (fit.Parameters.Alpha + fit.Parameters.Beta), 9);
    }

    [ClvDataFact]
    public void The_published_sBG_cohort_is_not_degenerate()
    {
        var fit = ShiftedBetaGeometric.Fit(ClvCsv.ReadSurvival(SharedData.Path("sbg_regular_fader_hardie_2007.csv")).Alive.Take(8).ToArray());

        Assert.Null(fit.Result.Fallback);
        Assert.Empty(fit.Result.Degeneracies);
        Assert.Null(fit.Parameters.GeometricChurn);
    }

    [Fact]
    public void NBD_on_customers_with_one_common_rate_names_the_parameters_at_the_bound()
    {
        var random = new Random(41);
        var x = new double[3_000];
        var tx = new double[3_000];
        var t = new double[3_000];
        for (var i = 0; i < x.Length; i++)
        {
            t[i] = 20 + (40 * random.NextDouble());
            double time = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / 0.5;
                if (time > t[i])
                {
                    break;
                }

                x[i]++;
                tx[i] = time;
            }
        }

        var fit = Nbd.Fit(FrequencyRecencyData.FromArrays(x, tx, t));

        Assert.Contains(fit.Result.Degeneracies, d => d.Kind == FitDegeneracy.ParameterAtBound);
        Assert.Contains(fit.Result.Warnings, w => w.Contains("upper bound", StringComparison.Ordinal));
        Assert.All(fit.Result.Parameters.Values, v => Assert.True(v <= FitOptions.ParameterUpperBound));
        // The common rate is still estimated: r/α is the pooled rate.
        Assert.Equal(0.5, fit.Parameters.R / fit.Parameters.Alpha, 0.02);
    }

    [Fact]
    public void A_fit_on_a_handful_of_customers_names_the_standard_errors_larger_than_their_estimates()
    {
        var (x, tx, t) = Simulators.BgNbd(new BgNbdParameters(0.8, 6, 0.6, 2.5), 20, seed: 42);

        var fit = BgNbd.Fit(FrequencyRecencyData.FromArrays(x, tx, t));

        Assert.NotEmpty(fit.Result.Degeneracies);
        foreach (var d in fit.Result.Degeneracies.Where(d => d.Kind == FitDegeneracy.StandardErrorExceedsEstimate))
        {
            Assert.True(fit.Result.StandardErrors[d.Parameter!] > fit.Result.Parameters[d.Parameter!]);
            Assert.Contains(d.Message, fit.Result.Warnings);
        }
    }

    [ClvDataFact]
    public void The_published_fits_are_not_degenerate()
    {
        var cdnow = FrequencyRecencyData.FromTable(ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary.csv")));

        Assert.Empty(BgNbd.Fit(cdnow).Result.Degeneracies);
        Assert.Empty(MbgNbd.Fit(cdnow).Result.Degeneracies);
        Assert.Empty(BgBb.Fit(ClvCsv.ReadDiscrete(Path.Combine(AppContext.BaseDirectory, "Clv", "Data", "donations.csv"))).Result.Degeneracies);
    }

    [Fact]
    public void The_optimiser_stops_on_the_bound_when_the_objective_keeps_falling_beyond_it()
    {
        // f(u) = e^(−u0) + (u1 − 2)²: no minimum in u0 (it falls forever), a minimum at 2 in u1.
        static double Objective(double[] u, double[] g)
        {
            g[0] = -Math.Exp(-u[0]);
            g[1] = 2 * (u[1] - 2);
            return Math.Exp(-u[0]) + ((u[1] - 2) * (u[1] - 2));
        }

        var result = QuasiNewton.Minimize(Objective, [0, 0], 300, 1e-9, lower: -5, upper: 5);

        Assert.True(result.Converged, result.Message);
        Assert.True(result.Point[0] <= 5 && result.Point[0] >= 5 - QuasiNewton.BoundSlack, $"u0 = {result.Point[0]}");
        Assert.Equal(2, result.Point[1], 1e-6);
    }
}

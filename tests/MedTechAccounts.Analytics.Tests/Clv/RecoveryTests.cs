using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>Simulate each model's generative process with a seeded Random, fit, and recover the parameters within a few standard errors.</summary>
public sealed class RecoveryTests
{
    private static void Recovered(IReadOnlyDictionary<string, double> truth, FitResult fit, double sigmas = 4)
    {
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        foreach (var (name, value) in truth)
        {
            var estimate = fit.Parameters[name];
            var se = fit.StandardErrors[name];
            Assert.True(se > 0 && double.IsFinite(se), $"{name}: standard error {se}");
            Assert.True(Math.Abs(estimate - value) <= sigmas * se, $"{name}: true {value}, estimate {estimate} ± {se}");
        }
    }

    [Fact]
    public void BG_NBD_parameters_are_recovered_from_simulated_customers()
    {
        var truth = new BgNbdParameters(0.8, 6, 0.6, 2.5);
        var (x, tx, t) = Simulators.BgNbd(truth, 20_000, seed: 11);

        var fit = BgNbd.Fit(FrequencyRecencyData.FromArrays(x, tx, t));

        Recovered(truth.ToDictionary(), fit.Result);
    }

    [Fact]
    public void Pareto_NBD_parameters_are_recovered_from_simulated_customers()
    {
        var truth = new ParetoNbdParameters(0.7, 8, 0.8, 15);
        var (x, tx, t) = Simulators.ParetoNbd(truth, 5_000, seed: 12);

        var fit = ParetoNbd.Fit(FrequencyRecencyData.FromArrays(x, tx, t), new FitOptions { StartingPoints = [[1, 1, 1, 1]] });

        Recovered(truth.ToDictionary(), fit.Result);
    }

    [Fact]
    public void Gamma_Gamma_parameters_are_recovered_from_simulated_spend()
    {
        var truth = new GammaGammaParameters(4, 3, 20);
        var (x, m) = Simulators.GammaGamma(truth, 10_000, seed: 13);

        var fit = GammaGamma.Fit(x, m);

        Recovered(truth.ToDictionary(), fit.Result);
        Assert.Empty(fit.Result.Warnings);
    }

    [Fact]
    public void Shifted_beta_geometric_parameters_are_recovered_from_a_simulated_cohort()
    {
        var truth = new ShiftedBetaGeometricParameters(0.9, 2.2);
        var alive = Simulators.ShiftedBetaGeometric(truth, 20_000, periods: 8, seed: 14);

        var fit = ShiftedBetaGeometric.Fit(alive);

        Recovered(truth.ToDictionary(), fit.Result);
    }

    [Fact]
    public void Spend_correlated_with_frequency_gives_a_warning_not_a_refusal()
    {
        var random = new Random(15);
        var x = new double[2_000];
        var m = new double[2_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 1 + random.Next(10);
            m[i] = (5 * x[i]) + (10 * random.NextDouble()) + 1;
        }

        var fit = GammaGamma.Fit(x, m);
        var quiet = GammaGamma.Fit(x, m, new FitOptions { SpendCorrelationWarningThreshold = 0.999 });

        Assert.Contains(fit.Result.Warnings, w => w.Contains("Pearson r", StringComparison.Ordinal));
        Assert.DoesNotContain(quiet.Result.Warnings, w => w.Contains("Pearson r", StringComparison.Ordinal));
        Assert.True(GammaGamma.Pearson(x, m) > 0.3);
    }
}

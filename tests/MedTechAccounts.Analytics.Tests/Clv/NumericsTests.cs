using System.Numerics;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

public sealed class NumericsTests
{
    private static readonly FrequencyRecencyData Data = SmallData();

    private static FrequencyRecencyData SmallData()
    {
        var (x, tx, t) = Simulators.BgNbd(new BgNbdParameters(0.5, 5, 0.8, 2.5), 800, seed: 3);
        return FrequencyRecencyData.FromArrays(x, tx, t);
    }

    private static double[] FiniteDifference(Func<double[], double> f, double[] theta)
    {
        var g = new double[theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            var h = 1e-6 * theta[i];
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[i] += h;
            minus[i] -= h;
            g[i] = (f(plus) - f(minus)) / (2 * h);
        }

        return g;
    }

    private static void SameGradient(double[] expected, double[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"component {i}: finite differences {expected[i]}, analytic {actual[i]}");
        }
    }

    [Theory]
    [InlineData(0.243, 4.414, 0.793, 2.426)]
    [InlineData(2.0, 0.5, 3.0, 0.7)]
    [InlineData(0.05, 40, 0.2, 9)]
    public void BG_NBD_analytic_gradient_matches_finite_differences(double r, double alpha, double a, double b)
    {
        double[] theta = [r, alpha, a, b];

        var analytic = BgNbd.Gradient(new BgNbdParameters(r, alpha, a, b), Data);
        var numeric = FiniteDifference(th => BgNbd.LogLikelihood(new BgNbdParameters(th[0], th[1], th[2], th[3]), Data), theta);

        SameGradient(numeric, analytic);
    }

    [Theory]
    [InlineData(6.25, 3.74, 15.44)]
    [InlineData(0.8, 1.5, 2)]
    public void Gamma_Gamma_analytic_gradient_matches_finite_differences(double p, double q, double gamma)
    {
        var (x, m) = Simulators.GammaGamma(new GammaGammaParameters(3, 4, 10), 500, seed: 4);

        var analytic = GammaGamma.Gradient(new GammaGammaParameters(p, q, gamma), x, m);
        var numeric = FiniteDifference(th => GammaGamma.LogLikelihood(new GammaGammaParameters(th[0], th[1], th[2]), x, m), [p, q, gamma]);

        SameGradient(numeric, analytic);
    }

    [Theory]
    [InlineData(0.704, 1.182)]
    [InlineData(3, 0.4)]
    public void Shifted_beta_geometric_analytic_gradient_matches_finite_differences(double alpha, double beta)
    {
        double[] alive = [1000, 631, 468, 382, 326, 289, 262, 241];

        var analytic = ShiftedBetaGeometric.Gradient(new ShiftedBetaGeometricParameters(alpha, beta), alive);
        var numeric = FiniteDifference(th => ShiftedBetaGeometric.LogLikelihood(new ShiftedBetaGeometricParameters(th[0], th[1]), alive), [alpha, beta]);

        SameGradient(numeric, analytic);
    }

    [Fact]
    public void BG_NBD_log_likelihood_of_a_heavy_buyer_is_finite_and_exact()
    {
        // With integer r, a, b, α, t_x and T the likelihood is a rational number: compute it exactly.
        const int r = 2, alpha = 3, a = 2, b = 5, x = 200, tx = 40, t = 50;
        Assert.True(double.IsPositiveInfinity(Math.Pow(alpha + t, r + x)) || Math.Pow(alpha + t, r + x) > 1e300);

        static BigInteger Rising(int start, int n)
        {
            var p = BigInteger.One;
            for (var k = 0; k < n; k++)
            {
                p *= start + k;
            }

            return p;
        }

        // L = (b)_x/(a+b)_x · (r)_x α^r/(α+T)^(r+x) + a (b)_(x−1)/(a+b)_x · (r)_x α^r/(α+t_x)^(r+x)
        var common = Rising(r, x) * BigInteger.Pow(alpha, r);
        var n1 = Rising(b, x) * common;
        var d1 = Rising(a + b, x) * BigInteger.Pow(alpha + t, r + x);
        var n2 = a * Rising(b, x - 1) * common;
        var d2 = Rising(a + b, x) * BigInteger.Pow(alpha + tx, r + x);
        var exact = BigInteger.Log((n1 * d2) + (n2 * d1)) - BigInteger.Log(d1 * d2);

        var actual = new BgNbdParameters(r, alpha, a, b).LogLikelihood(x, tx, t);

        Assert.True(double.IsFinite(actual));
        Assert.Equal(exact, actual, Math.Abs(exact) * 1e-12);
        var data = FrequencyRecencyData.FromArrays([x], [tx], [t]);
        Assert.Equal(exact, BgNbd.LogLikelihood(new BgNbdParameters(r, alpha, a, b), data), Math.Abs(exact) * 1e-12);
    }

    [Fact]
    public void Pareto_NBD_likelihood_agrees_with_quadrature_of_its_integral_form_in_both_branches_and_for_heavy_buyers()
    {
        // L = Γ(r+x)α^r β^s/Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ]
        (double R, double Alpha, double S, double Beta, double X, double Tx, double T)[] cases =
        [
            (0.55, 10.6, 0.61, 11.7, 2, 30.43, 38.86),
            (0.55, 11.7, 0.61, 10.6, 2, 30.43, 38.86),
            (1.3, 2, 0.4, 60, 200, 10, 52),
            (1.3, 60, 2.5, 0.5, 200, 10, 52),
            (0.8, 5, 1.0, 5, 0, 0, 40),
            (0.3, 0.05, 3, 400, 7, 1, 30),
        ];
        foreach (var (r, alpha, s, beta, x, tx, t) in cases)
        {
            var p = new ParetoNbdParameters(r, alpha, s, beta);
            var logIntegrand = (double tau) => (-(r + x) * Math.Log(alpha + tau)) - ((s + 1) * Math.Log(beta + tau));
            var logIntegral = LogSimpson(logIntegrand, tx, t, 200_000);
            var first = (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
            var bracket = double.IsNegativeInfinity(logIntegral) ? first : Math.Log(Math.Exp(first - logIntegral) + s) + logIntegral;
            var expected = MathNet.Numerics.SpecialFunctions.GammaLn(r + x) - MathNet.Numerics.SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta)) + bracket;

            var actual = p.LogLikelihood(x, tx, t);

            Assert.True(Math.Abs(expected - actual) <= 1e-8 * Math.Max(1, Math.Abs(expected)), $"case {r},{alpha},{s},{beta},{x}: quadrature {expected}, model {actual}");
        }
    }

    /// <summary>log ∫ e^{f} by composite Simpson with the maximum factored out.</summary>
    private static double LogSimpson(Func<double, double> logF, double lo, double hi, int n)
    {
        if (hi <= lo)
        {
            return double.NegativeInfinity;
        }

        var h = (hi - lo) / n;
        var values = new double[n + 1];
        var max = double.NegativeInfinity;
        for (var i = 0; i <= n; i++)
        {
            values[i] = logF(lo + (i * h));
            max = Math.Max(max, values[i]);
        }

        var sum = 0.0;
        for (var i = 0; i <= n; i++)
        {
            var weight = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * Math.Exp(values[i] - max);
        }

        return max + Math.Log(sum * h / 3);
    }

    [Fact]
    public void Hypergeometric_function_matches_closed_forms()
    {
        // 2F1(1, 1; 2; z) = −ln(1 − z) / z ; 2F1(a, b; b; z) = (1 − z)^−a ; 2F1(1/2, 1; 3/2; z²) = atanh(z)/z
        foreach (var z in new[] { 0.1, 0.5, 0.9, 0.99 })
        {
            Assert.Equal(-Math.Log(1 - z) / z, Hypergeometric.Hyp2F1(1, 1, 2, z), 1e-10 * (-Math.Log(1 - z) / z));
            Assert.Equal(Math.Pow(1 - z, -2.5), Hypergeometric.Hyp2F1(2.5, 3.7, 3.7, z), 1e-10 * Math.Pow(1 - z, -2.5));
            Assert.Equal(Math.Atanh(Math.Sqrt(z)) / Math.Sqrt(z), Hypergeometric.Hyp2F1(0.5, 1, 1.5, z), 1e-10);
        }

        // A heavy-buyer argument: the direct series would overflow; Euler's form does not.
        var heavy = Hypergeometric.Hyp2F1(200.5, 202.4, 202.2, 0.6);
        Assert.True(double.IsFinite(heavy) || double.IsPositiveInfinity(heavy));
        var (logFactor, series) = Hypergeometric.Hyp2F1Parts(200.5, 202.4, 202.2, 0.6);
        Assert.True(double.IsFinite(logFactor) && double.IsFinite(series) && series > 0);
    }

    [Fact]
    public void Weighted_unique_rows_give_the_same_fit_as_every_customer_and_parallel_sums_equal_serial_ones()
    {
        var (x, tx, t) = Simulators.BgNbd(new BgNbdParameters(0.5, 5, 0.8, 2.5), 3_000, seed: 5);
        var rounded = (double[] v) => v.Select(d => Math.Round(d)).ToArray();
        var rx = x;
        var rtx = rounded(tx);
        var rt = rounded(t);
        var grouped = FrequencyRecencyData.FromArrays(rx, rtx, rt);
        var theta = new[] { 0.5, 5, 0.8, 2.5 };

        var serial = BgNbd.LogLikelihood(theta, grouped, null, int.MaxValue);
        var parallel = BgNbd.LogLikelihood(theta, grouped, null, 1);
        var oneByOne = 0.0;
        var p = new BgNbdParameters(0.5, 5, 0.8, 2.5);
        for (var i = 0; i < rx.Length; i++)
        {
            oneByOne += p.LogLikelihood(rx[i], rtx[i], rt[i]);
        }

        Assert.True(grouped.Count < rx.Length);
        Assert.Equal(rx.Length, grouped.TotalWeight);
        Assert.Equal(oneByOne, serial, Math.Abs(oneByOne) * 1e-12);
        Assert.Equal(serial, parallel, Math.Abs(serial) * 1e-12);
    }

    [Fact]
    public void A_penalizer_shrinks_the_parameters_and_costs_likelihood()
    {
        var plain = BgNbd.Fit(Data);
        var penalized = BgNbd.Fit(Data, new FitOptions { Penalizer = 0.05 });

        static double SumOfSquares(FitResult f) => f.Parameters.Values.Sum(v => v * v);

        Assert.True(penalized.Result.Converged);
        Assert.True(SumOfSquares(penalized.Result) < SumOfSquares(plain.Result));
        Assert.True(penalized.Result.LogLikelihood < plain.Result.LogLikelihood);
        Assert.Equal(0.05, penalized.Result.Penalizer);
    }

    [Fact]
    public void The_optimizer_reports_iterations_and_the_best_of_several_starting_points()
    {
        var fit = BgNbd.Fit(Data, new FitOptions { StartingPoints = [[1, 1, 1, 1], [3, 50, 5, 0.2]] });
        var starved = BgNbd.Fit(Data, new FitOptions { StartingPoints = [[1, 1, 1, 1]], MaxIterations = 2 });

        Assert.True(fit.Result.Converged);
        Assert.InRange(fit.Result.Iterations, 3, 300);
        Assert.False(starved.Result.Converged);
        Assert.Contains(starved.Result.Warnings, w => w.Contains("did not converge", StringComparison.Ordinal));
        Assert.True(starved.Result.LogLikelihood < fit.Result.LogLikelihood);
    }
}

public sealed class LargeDataTests
{
    [Fact]
    public void Screening_starting_points_on_a_sample_reaches_the_same_optimum_as_full_multi_start()
    {
        var truth = new BgNbdParameters(0.5, 5, 0.8, 2.5);
        var (x, tx, t) = Simulators.BgNbd(truth, 6_000, seed: 41);
        var data = FrequencyRecencyData.FromArrays(x, tx, t);

        var full = BgNbd.Fit(data, new FitOptions { ScreeningRows = int.MaxValue });
        var screened = BgNbd.Fit(data, new FitOptions { ScreeningRows = 500, ParallelThreshold = 1 });

        Assert.True(screened.Result.Converged);
        Assert.Equal(full.Result.LogLikelihood, screened.Result.LogLikelihood, 1e-6);
        foreach (var name in BgNbd.ParameterNames)
        {
            Assert.Equal(full.Result.Parameters[name], screened.Result.Parameters[name], 1e-4 * full.Result.Parameters[name]);
        }
    }

    [Fact]
    public void Batch_predictions_equal_one_by_one_predictions()
    {
        var p = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        var (x, tx, t) = Simulators.BgNbd(p, 12_000, seed: 42);
        var expected = new double[x.Length];
        var alive = new double[x.Length];

        BatchPrediction.Predict(p, x, tx, t, 39, expected, alive);

        for (var i = 0; i < x.Length; i += 97)
        {
            Assert.Equal(p.ConditionalExpectedTransactions(x[i], tx[i], t[i], 39), expected[i]);
            Assert.Equal(p.ProbabilityAlive(x[i], tx[i], t[i]), alive[i]);
        }
    }
}

public sealed class MbgCnbdExpectationTests
{
    /// <summary>E[Y(h)] by its definition: P(alive) Σ_m π_m Σ_n E[(1−p)^{n−1}] I_z(nk − m, r+kx+m), each I_z evaluated afresh.</summary>
    private static double ByDefinition(MbgCnbdParameters p, double x, double tx, double t, double horizon)
    {
        var rk = p.R + (p.K * x);
        var phase = new double[p.K];
        phase[0] = 1;
        for (var j = 1; j < p.K; j++)
        {
            phase[j] = phase[j - 1] * (rk + j - 1) * (t - tx) / (j * (p.Alpha + t));
        }

        var total = phase.Sum();
        var z = horizon / (p.Alpha + t + horizon);
        var expected = 0.0;
        for (var m = 0; m < p.K; m++)
        {
            var sum = 0.0;
            var stay = 1.0;
            for (var n = 1; n < 100_000; n++)
            {
                var tail = MathNet.Numerics.SpecialFunctions.BetaRegularized((n * p.K) - m, rk + m, z);
                sum += stay * tail;
                if (tail < 1e-17)
                {
                    break;
                }

                stay *= (p.B + x + n) / (p.A + p.B + x + n);
            }

            expected += phase[m] / total * sum;
        }

        return expected * p.ProbabilityAlive(x, tx, t);
    }

    [Theory]
    [InlineData(3, 0.9, 6.0, 0.8, 2.5, 4, 20.0, 30.0, 39.0)]
    [InlineData(3, 0.9, 6.0, 0.8, 2.5, 40, 150.0, 160.0, 260.0)]
    [InlineData(1, 0.5, 6.2, 0.9, 1.6, 2, 30.4, 38.9, 39.0)]
    [InlineData(8, 2.0, 3.0, 1.4, 6.0, 120, 200.0, 204.0, 52.0)]
    [InlineData(4, 1.5, 2.0, 0.6, 3.0, 900, 300.0, 300.5, 260.0)] // (1 − z)^b underflows: the sum starts at the mode (ln Γ of large arguments: 1e-12)
    [InlineData(2, 0.3, 10.0, 2.0, 0.5, 0, 0.0, 12.0, 1.0)]
    public void The_expectation_equals_its_definition_with_the_incomplete_beta_evaluated_afresh(int k, double r, double alpha, double a, double b, double x, double tx, double t, double horizon)
    {
        var p = new MbgCnbdParameters(k, r, alpha, a, b);
        var exact = ByDefinition(p, x, tx, t, horizon);
        var fast = p.ConditionalExpectedTransactions(x, tx, t, horizon);
        Assert.True(Math.Abs(fast - exact) <= 5e-12 * Math.Max(1e-300, Math.Abs(exact)) + 1e-300, $"{fast:R} against {exact:R}");
    }

    [Theory]
    [InlineData(3, 25, 120.3, 131.0)]
    [InlineData(1, 2, 30.4, 38.9)]
    [InlineData(4, 900, 300.0, 300.5)] // every horizon on its own (underflow)
    [InlineData(2, 0, 0, 0)]
    public void Many_horizons_at_once_give_what_one_call_each_gives(int k, double x, double tx, double t)
    {
        var p = new MbgCnbdParameters(k, 0.9, 6.0, 0.8, 2.5);
        var horizons = Enumerable.Range(0, 261).Select(w => (double)w).Reverse().ToArray();
        var path = new double[horizons.Length];
        p.ConditionalExpectedTransactions(x, tx, t, horizons, path);
        for (var i = 0; i < horizons.Length; i++)
        {
            var one = p.ConditionalExpectedTransactions(x, tx, t, horizons[i]);
            Assert.True(Math.Abs(path[i] - one) <= 1e-12 * one, $"horizon {horizons[i]}: {path[i]:R} against {one:R}");
        }

        Assert.Equal(0, path[^1]);
    }
}

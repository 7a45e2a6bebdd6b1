using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>MBG/NBD, MBG/CNBD-k, BG/BB and NBD: published values, gradients, recovery by simulation, and the k = 1 identity.</summary>
public sealed class RegularityModelTests
{
    private static readonly Lazy<BgBbData> Donations = new(() =>
        ClvCsv.ReadDiscrete(Path.Combine(AppContext.BaseDirectory, "Clv", "Data", "donations.csv")));

    private static readonly Lazy<ModelFit<BgBbParameters>> DonationsFit = new(() => BgBb.Fit(Donations.Value));

    /// <summary>CDNOW sample summarised from the transactions (weeks, calibration to 1997-09-30), with each customer's litt.</summary>
    private static readonly Lazy<IReadOnlyList<CustomerSummary>> CdnowSummaries = new(() =>
        TransactionSummary.Summarize(ClvCsv.ReadTransactions(SharedData.Path("CDNOW_sample.txt")), new DateOnly(1997, 9, 30)));

    private static void Near(double expected, double actual, double tolerance, string name) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{name}: expected {expected} ± {tolerance}, got {actual}");

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

    private static double[] FiniteDifference(Func<double[], double> f, double[] theta, double step = 1e-6)
    {
        var g = new double[theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            var h = step * theta[i];
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

    private static MbgCnbdData Simulated(int k, int customers, int seed, double r = 0.9, double alpha = 5, double a = 0.7, double b = 3)
    {
        var (x, tx, t, litt) = MoreSimulators.MbgCnbd(k, r, alpha, a, b, customers, seed);
        return MbgCnbdData.FromArrays(x, tx, t, litt);
    }

    // ---- MBG/NBD ----

    [ClvDataFact]
    public void MBG_NBD_on_the_CDNOW_summary_gives_the_published_parameters()
    {
        var fit = MbgNbd.Fit(FrequencyRecencyData.FromTable(ClvCsv.ReadSummary(SharedData.Path("cdnow_customers_summary.csv"))));

        Assert.True(fit.Result.Converged, string.Join("; ", fit.Result.Warnings));
        Assert.Equal("mbgnbd", fit.Result.Model);
        Assert.Equal(["r", "alpha", "a", "b"], fit.Result.Parameters.Keys);
        Near(0.525, fit.Parameters.R, 0.005, "r");
        Near(6.183, fit.Parameters.Alpha, 0.005, "alpha");
        Near(0.891, fit.Parameters.A, 0.005, "a");
        Near(1.614, fit.Parameters.B, 0.005, "b");
        Assert.All(fit.Result.StandardErrors.Values, se => Assert.True(se > 0 && double.IsFinite(se)));
    }

    [Theory]
    [InlineData(0.525, 6.183, 0.891, 1.614)]
    [InlineData(2.0, 0.5, 3.0, 0.7)]
    [InlineData(0.05, 40, 0.2, 9)]
    public void MBG_NBD_analytic_gradient_matches_finite_differences(double r, double alpha, double a, double b)
    {
        var (x, tx, t, _) = MoreSimulators.MbgCnbd(1, 0.5, 5, 0.8, 2.5, 800, seed: 21);
        var data = FrequencyRecencyData.FromArrays(x, tx, t);

        var analytic = MbgNbd.Gradient(new MbgNbdParameters(r, alpha, a, b), data);
        var numeric = FiniteDifference(th => MbgNbd.LogLikelihood(new MbgNbdParameters(th[0], th[1], th[2], th[3]), data), [r, alpha, a, b]);

        SameGradient(numeric, analytic);
    }

    [Fact]
    public void MBG_NBD_total_likelihood_is_the_sum_of_the_per_customer_formula()
    {
        var parameters = new MbgNbdParameters(0.525, 6.183, 0.891, 1.614);
        double[] x = [0, 1, 2, 7], tx = [0, 3.5, 20, 30], t = [10, 25, 38, 39];

        var total = MbgNbd.LogLikelihood(parameters, FrequencyRecencyData.FromArrays(x, tx, t));

        Assert.Equal(Enumerable.Range(0, 4).Sum(i => parameters.LogLikelihood(x[i], tx[i], t[i])), total, 1e-9);
    }

    [Fact]
    public void MBG_NBD_parameters_are_recovered_from_simulated_customers()
    {
        var truth = new MbgNbdParameters(0.8, 6, 0.6, 2.5);
        var (x, tx, t, _) = MoreSimulators.MbgCnbd(1, truth.R, truth.Alpha, truth.A, truth.B, 20_000, seed: 22);

        var fit = MbgNbd.Fit(FrequencyRecencyData.FromArrays(x, tx, t));

        Recovered(truth.ToDictionary(), fit.Result);
    }

    [Fact]
    public void MBG_NBD_lets_a_customer_without_repeat_purchases_be_dead_and_its_expectations_agree_with_the_series()
    {
        var mbg = new MbgNbdParameters(0.525, 6.183, 0.891, 1.614);
        var cnbd = new MbgCnbdParameters(1, 0.525, 6.183, 0.891, 1.614);

        // x = 0: alive only if no dropout at time 0: P = 1 / (1 + a/b · ((α+T)/α)^r).
        var expected = 1 / (1 + (0.891 / 1.614 * Math.Pow((6.183 + 30) / 6.183, 0.525)));
        Assert.Equal(expected, mbg.ProbabilityAlive(0, 0, 30), 1e-12);
        Assert.True(mbg.ProbabilityAlive(3, 10, 30) < mbg.ProbabilityAlive(3, 29, 30));

        // The closed form (2F1) and the Erlang series (k = 1) are two independent computations.
        foreach (var (x, tx, t) in new[] { (0.0, 0.0, 38.0), (2.0, 30.43, 38.86), (10.0, 20.0, 39.0), (0.0, 0.0, 0.0) })
        {
            Assert.Equal(mbg.ConditionalExpectedTransactions(x, tx, t, 39), cnbd.ConditionalExpectedTransactions(x, tx, t, 39), 1e-8);
            Assert.Equal(mbg.ProbabilityAlive(x, tx, t), cnbd.ProbabilityAlive(x, tx, t), 1e-12);
        }

        Assert.Equal(mbg.ExpectedTransactions(52), cnbd.ExpectedTransactions(52), 1e-8);
    }

    // ---- MBG/CNBD-k ----

    [ClvDataFact]
    public void MBG_CNBD_with_k_1_equals_MBG_NBD_on_the_CDNOW_transactions()
    {
        var rows = CdnowSummaries.Value;
        var cnbdData = MbgCnbdData.FromSummaries(rows);
        var mbgData = FrequencyRecencyData.FromSummaries(rows);

        var cnbd = MbgCnbd.FitFixedK(cnbdData, 1);
        var mbg = MbgNbd.Fit(mbgData);

        Assert.Equal(2357, rows.Count);
        Assert.Equal(mbg.Result.LogLikelihood, cnbd.Result.LogLikelihood, 1e-6);
        Assert.Equal(mbg.Parameters.R, cnbd.Parameters.R, 1e-4);
        Assert.Equal(mbg.Parameters.Alpha, cnbd.Parameters.Alpha, 1e-3);
        Assert.Equal(mbg.Parameters.A, cnbd.Parameters.A, 1e-4);
        Assert.Equal(mbg.Parameters.B, cnbd.Parameters.B, 1e-4);
        var p = new MbgCnbdParameters(1, 0.5, 6, 0.9, 1.6);
        Assert.Equal(
            MbgNbd.LogLikelihood(new MbgNbdParameters(0.5, 6, 0.9, 1.6), mbgData),
            MbgCnbd.LogLikelihood(p, cnbdData),
            1e-7);
    }

    [ClvDataFact]
    public void The_transaction_summary_gives_the_CDNOW_litt_and_MBG_CNBD_chooses_k_by_likelihood()
    {
        var rows = CdnowSummaries.Value;
        Assert.All(rows, r => Assert.NotNull(r.SumLogIntervals));
        Assert.All(rows.Where(r => r.Frequency == 0), r => Assert.Equal(0, r.SumLogIntervals));

        var fit = MbgCnbd.Fit(MbgCnbdData.FromSummaries(rows), maxK: 6);

        var best = fit.LogLikelihoodByK.MaxBy(p => p.Value);
        Assert.Equal(best.Key, fit.Parameters.K);
        Assert.Equal(best.Value, fit.Result.LogLikelihood, 1e-9);
        Assert.Equal(fit.Parameters.K, fit.Result.Parameters["k"]);
        Assert.True(double.IsNaN(fit.Result.StandardErrors["k"]));
        Assert.True(fit.LogLikelihoodByK.Count >= 2);
    }

    [Theory]
    [InlineData(2, 0.9, 5, 0.7, 3)]
    [InlineData(4, 2.0, 0.5, 3.0, 0.7)]
    public void MBG_CNBD_analytic_gradient_matches_finite_differences(int k, double r, double alpha, double a, double b)
    {
        var data = Simulated(3, 800, seed: 23);

        var analytic = MbgCnbd.Gradient(new MbgCnbdParameters(k, r, alpha, a, b), data);
        var numeric = FiniteDifference(th => MbgCnbd.LogLikelihood(new MbgCnbdParameters(k, th[0], th[1], th[2], th[3]), data), [r, alpha, a, b]);

        SameGradient(numeric, analytic);
    }

    [Fact]
    public void MBG_CNBD_recovers_k_and_the_parameters_from_regular_simulated_customers()
    {
        var data = Simulated(3, 8_000, seed: 24, r: 2, alpha: 4, a: 0.8, b: 4);

        var fit = MbgCnbd.Fit(data, maxK: 8);

        Assert.Equal(3, fit.Parameters.K);
        Recovered(new Dictionary<string, double> { ["r"] = 2, ["alpha"] = 4, ["a"] = 0.8, ["b"] = 4 }, fit.Result);
        Assert.True(fit.LogLikelihoodByK[3] > fit.LogLikelihoodByK[1] + 50);
    }

    [Fact]
    public void MBG_CNBD_expected_purchases_of_a_new_customer_match_the_simulated_mean()
    {
        var p = new MbgCnbdParameters(3, 2, 4, 0.8, 4);
        const int customers = 40_000;
        var (x, _, _, _) = MoreSimulators.MbgCnbd(p.K, p.R, p.Alpha, p.A, p.B, customers, seed: 25, minT: 30, maxT: 30);

        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (customers - 1));

        Assert.True(Math.Abs(p.ExpectedTransactions(30) - mean) <= 4 * sd / Math.Sqrt(customers), $"formula {p.ExpectedTransactions(30)}, simulated {mean} ± {sd / Math.Sqrt(customers)}");
    }

    [Fact]
    public void A_regular_customer_overdue_for_a_reorder_is_less_likely_alive_than_under_the_Poisson_model()
    {
        var regular = new MbgCnbdParameters(8, 2, 4, 0.8, 4);
        var poisson = new MbgCnbdParameters(1, 2, 4, 0.8, 4);

        // Six reorders every 4 weeks, then 16 weeks of silence.
        var overdue = regular.ProbabilityAlive(6, 24, 40);
        var onTime = regular.ProbabilityAlive(6, 24, 26);

        Assert.True(overdue < poisson.ProbabilityAlive(6, 24, 40));
        Assert.True(onTime > overdue + 0.3, $"on time {onTime}, overdue {overdue}");
    }

    [Fact]
    public void MBG_CNBD_input_without_litt_or_with_an_impossible_litt_is_refused_naming_the_column()
    {
        var missing = Assert.Throws<ClvInputException>(() => MbgCnbdData.FromSummaries([new CustomerSummary("a", 2, 10, 20)]));
        var impossible = Assert.Throws<ClvInputException>(() => MbgCnbdData.FromArrays([2], [10], [20], [5]));
        var zeroX = Assert.Throws<ClvInputException>(() => MbgCnbdData.FromArrays([0], [0], [20], [1]));

        Assert.Equal("litt", missing.Column);
        Assert.Equal("litt", impossible.Column);
        Assert.Equal("litt", zeroX.Column);
    }

    [Fact]
    public void The_transaction_summary_sums_the_log_intervals_between_purchase_days()
    {
        var table = ClvCsv.ReadTransactions(new StringReader("id,date\na,2020-01-01\na,2020-01-08\na,2020-01-08\na,2020-01-29\nb,2020-01-15\n"), "t.csv");

        var rows = TransactionSummary.Summarize(table, new DateOnly(2020, 2, 26));

        Assert.Equal(Math.Log(1) + Math.Log(3), rows[0].SumLogIntervals!.Value, 1e-12);
        Assert.Equal(0, rows[1].SumLogIntervals);
    }

    // ---- BG/BB ----

    [Fact]
    public void BG_BB_on_the_donations_reproduces_the_published_parameters()
    {
        var fit = DonationsFit.Value;

        Assert.True(fit.Result.Converged, string.Join("; ", fit.Result.Warnings));
        Assert.Equal(11_104, fit.Result.Rows);
        Assert.Equal(22, fit.Result.UniqueRows);
        Near(1.204, fit.Parameters.Alpha, 0.01, "alpha");
        Near(0.750, fit.Parameters.Beta, 0.01, "beta");
        Near(0.657, fit.Parameters.Gamma, 0.01, "gamma");
        Near(2.783, fit.Parameters.Delta, 0.01, "delta");
        Assert.Equal(-33_225.6, fit.Result.LogLikelihood, 0.1);
        Assert.All(fit.Result.StandardErrors.Values, se => Assert.True(se > 0 && double.IsFinite(se)));
    }

    [Fact]
    public void BG_BB_gives_the_published_P_alive_in_2002_and_expected_repeat_donations()
    {
        var p = DonationsFit.Value.Parameters;
        var data = Donations.Value;

        Assert.Equal(0.11, p.ProbabilityAlive(0, 0, 6), 0.005);
        Assert.Equal(0.59, p.ProbabilityAlive(2, 4, 6), 0.005);
        Assert.Equal(0.93, p.ProbabilityAlive(6, 6, 6), 0.005);
        var total = Enumerable.Range(0, data.Count).Sum(i => data.Weight[i] * p.ConditionalExpectedTransactions(data.X[i], data.Tx[i], data.N[i], 5));
        Assert.Equal(12_884, total, 1.0);
    }

    [Fact]
    public void BG_BB_analytic_gradient_matches_finite_differences()
    {
        double[] theta = [1.2, 0.75, 0.66, 2.8];

        var analytic = BgBb.Gradient(new BgBbParameters(theta[0], theta[1], theta[2], theta[3]), Donations.Value);
        // The weights are in the thousands, so the Beta functions' rounding needs a wider step than the other models.
        var numeric = FiniteDifference(th => BgBb.LogLikelihood(new BgBbParameters(th[0], th[1], th[2], th[3]), Donations.Value), theta, step: 1e-4);

        SameGradient(numeric, analytic);
    }

    [Fact]
    public void BG_BB_parameters_are_recovered_from_a_simulated_cohort_and_expectations_match_it()
    {
        var truth = new BgBbParameters(1.5, 1, 0.5, 3);
        var (x, tx, n) = MoreSimulators.BgBb(truth, 20_000, periods: 8, seed: 26);

        var fit = BgBb.Fit(BgBbData.FromArrays(x, tx, n));

        Recovered(truth.ToDictionary(), fit.Result);
        var mean = x.Average(v => (double)v);
        Assert.Equal(truth.ExpectedTransactions(8), mean, 0.05);
    }

    [Fact]
    public void BG_BB_input_that_breaks_the_discrete_rules_is_refused_naming_the_column_and_line()
    {
        var error = Assert.Throws<ClvInputException>(() => ClvCsv.ReadDiscrete(new StringReader("frequency,recency,periods,weights\n1,1,6,10\n3,2,6,4\n"), "d.csv"));

        Assert.Equal("frequency", error.Column);
        Assert.Equal(3, error.Line);
    }

    // ---- NBD ----

    [Fact]
    public void NBD_parameters_are_recovered_and_its_gradient_is_analytic()
    {
        var truth = new NbdParameters(1.5, 10);
        var (x, tx, t) = MoreSimulators.Nbd(truth, 10_000, seed: 27);
        var data = FrequencyRecencyData.FromArrays(x, tx, t);

        var fit = Nbd.Fit(data);

        Recovered(truth.ToDictionary(), fit.Result);
        var analytic = Nbd.Gradient(new NbdParameters(0.7, 3), data);
        var numeric = FiniteDifference(th => Nbd.LogLikelihood(new NbdParameters(th[0], th[1]), data), [0.7, 3]);
        SameGradient(numeric, analytic);
        Assert.Equal(1, fit.Parameters.ProbabilityAlive(0, 0, 30));
        Assert.Equal((1.5 + 4) / (10 + 30) * 12, truth.ConditionalExpectedTransactions(4, 20, 30, 12), 1e-12);
    }
}

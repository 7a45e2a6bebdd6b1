using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>Properties over seeded random parameters and histories.</summary>
public sealed class PropertyTests
{
    private static IEnumerable<IRepeatPurchaseModel> Models(int seed, int count)
    {
        var random = new Random(seed);
        double Draw(double lo, double hi) => Math.Exp(Math.Log(lo) + ((Math.Log(hi) - Math.Log(lo)) * random.NextDouble()));
        for (var i = 0; i < count; i++)
        {
            yield return new BgNbdParameters(Draw(0.05, 5), Draw(0.5, 50), Draw(0.1, 5), Draw(0.1, 10));
            yield return new ParetoNbdParameters(Draw(0.05, 5), Draw(0.5, 50), Draw(0.1, 5), Draw(0.5, 50));
        }
    }

    private static IEnumerable<(double X, double Tx, double T)> Histories(int seed, int count)
    {
        var random = new Random(seed);
        yield return (0, 0, 30);
        yield return (200, 50, 52);
        for (var i = 0; i < count; i++)
        {
            var t = 1 + (80 * random.NextDouble());
            var x = random.Next(0, 40);
            yield return (x, x == 0 ? 0 : t * random.NextDouble(), t);
        }
    }

    [Fact]
    public void P_alive_lies_in_0_1_and_does_not_rise_with_T_for_fixed_x_and_t_x()
    {
        foreach (var model in Models(21, 15))
        {
            foreach (var (x, tx, t) in Histories(22, 30))
            {
                var previous = double.PositiveInfinity;
                foreach (var extra in new[] { 0.0, 0.5, 2, 10, 50, 500 })
                {
                    var p = model.ProbabilityAlive(x, tx, t + extra);
                    Assert.InRange(p, 0, 1);
                    Assert.True(p <= previous + 1e-12, $"{model}: P(alive) rose from {previous} to {p} at x={x}, t_x={tx}, T={t + extra}");
                    previous = p;
                }
            }
        }
    }

    [Fact]
    public void BG_NBD_P_alive_is_exactly_1_without_repeat_purchases()
    {
        var p = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

        Assert.Equal(1.0, p.ProbabilityAlive(0, 0, 38.86));
        Assert.Equal(1.0, p.ProbabilityAlive(0, 0, 1e6));
    }

    [Fact]
    public void Expected_transactions_are_non_negative_and_increase_with_the_horizon()
    {
        foreach (var model in Models(23, 15))
        {
            foreach (var (x, tx, t) in Histories(24, 20))
            {
                var previous = 0.0;
                foreach (var horizon in new[] { 0.0, 0.1, 1, 5, 20, 52, 104, 260 })
                {
                    var e = model.ConditionalExpectedTransactions(x, tx, t, horizon);
                    Assert.True(double.IsFinite(e) && e >= 0, $"{model}: E = {e}");
                    Assert.True(e >= previous - (1e-9 * Math.Max(1, previous)), $"{model}: E fell from {previous} to {e} at horizon {horizon}");
                    previous = e;
                }
            }

            var unconditional = 0.0;
            foreach (var horizon in new[] { 0.1, 1, 10, 100, 1000 })
            {
                var e = model.ExpectedTransactions(horizon);
                Assert.True(e >= unconditional - 1e-12);
                unconditional = e;
            }
        }
    }

    [Fact]
    public void BG_NBD_probabilities_of_n_transactions_sum_to_one_and_have_mean_E_X_t()
    {
        var p = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        foreach (var horizon in new[] { 1.0, 39, 78 })
        {
            var total = 0.0;
            var mean = 0.0;
            for (var n = 0; n < 2_000; n++)
            {
                var pn = p.ProbabilityOfTransactions(n, horizon);
                Assert.InRange(pn, 0, 1);
                total += pn;
                mean += n * pn;
            }

            Assert.Equal(1, total, 1e-9);
            Assert.Equal(p.ExpectedTransactions(horizon), mean, 1e-6);
        }
    }

    [Fact]
    public void BG_NBD_expected_transactions_of_a_new_customer_agree_with_simulation()
    {
        var p = new BgNbdParameters(0.8, 6, 0.6, 2.5);
        var (x, _, _) = Simulators.BgNbd(p, 40_000, seed: 25, minT: 30, maxT: 30);

        Assert.Equal(p.ExpectedTransactions(30), x.Average(), 0.05);
    }

    [Fact]
    public void Pareto_NBD_conditional_expectation_is_continuous_at_s_equal_1()
    {
        var below = new ParetoNbdParameters(0.5, 10, 1 - 1e-9, 12).ConditionalExpectedTransactions(3, 20, 38, 39);
        var at = new ParetoNbdParameters(0.5, 10, 1, 12).ConditionalExpectedTransactions(3, 20, 38, 39);
        var above = new ParetoNbdParameters(0.5, 10, 1 + 1e-9, 12).ConditionalExpectedTransactions(3, 20, 38, 39);

        Assert.Equal(at, below, 1e-7);
        Assert.Equal(at, above, 1e-7);
    }
}

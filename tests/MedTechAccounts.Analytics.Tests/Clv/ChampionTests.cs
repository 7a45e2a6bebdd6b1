using MathNet.Numerics.Distributions;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>Champion by holdout on generated portfolios whose truth is known.</summary>
public sealed class ChampionTests
{
    private static readonly DateOnly Start = new(2023, 1, 2);
    private static readonly DateOnly End = Start.AddDays(7 * 156);
    private static readonly DateOnly CalibrationEnd = End.AddDays(-7 * 39);

    /// <summary>
    /// Long-standing hospital accounts (the history began before the data window, at a random phase of the cycle) that
    /// reorder on a regular cycle of 2–17 weeks (Erlang-8 jitter around it); a share of them is lost to a competitor on a
    /// random date of the window and orders nothing after it.
    /// </summary>
    internal static (TransactionTable Table, Dictionary<string, DateOnly?> LostOn) RegularPortfolio(int accounts, int seed, double lostShare = 0.25)
    {
        var random = new Random(seed);
        var rows = new List<Transaction>();
        var lost = new Dictionary<string, DateOnly?>();
        var days = End.DayNumber - Start.DayNumber;
        for (var i = 0; i < accounts; i++)
        {
            var id = $"A{i:D4}";
            var cycleDays = 7.0 * random.Next(2, 18);
            DateOnly? lostOn = random.NextDouble() < lostShare ? Start.AddDays(random.Next(0, days)) : null;
            lost[id] = lostOn;
            var jitter = new Gamma(8, 8 / cycleDays, new Random(random.Next()));
            var t = random.NextDouble() * cycleDays;
            var orders = 0;
            while (t <= days)
            {
                var date = Start.AddDays((int)t);
                if (lostOn is { } l && date >= l)
                {
                    break;
                }

                rows.Add(new Transaction(id, date, 100 + random.Next(0, 50)));
                orders++;
                t += Math.Max(1, jitter.Sample());
            }

            if (orders == 0)
            {
                // Lost before the first order in the window: the account is not in the data, as in a real extract.
                lost.Remove(id);
            }
        }

        return (new TransactionTable("generated", rows, HasValues: true), lost);
    }

    /// <summary>
    /// Pure noise: every account orders at random, and its rate in the holdout is drawn afresh, independent of its rate
    /// in the calibration window, so the history says nothing about the future.
    /// </summary>
    internal static TransactionTable NoisePortfolio(int accounts, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Transaction>();
        for (var i = 0; i < accounts; i++)
        {
            var id = $"N{i:D4}";
            foreach (var (from, to) in new[] { (Start, CalibrationEnd), (CalibrationEnd.AddDays(1), End) })
            {
                var weeklyRate = 0.05 + (random.NextDouble() * 0.6);
                for (var d = from; d <= to; d = d.AddDays(7))
                {
                    if (random.NextDouble() < weeklyRate)
                    {
                        rows.Add(new Transaction(id, d.AddDays(random.Next(0, 7)) is var day && day <= to ? day : to, 100));
                    }
                }
            }

            rows.Add(new Transaction(id, Start, 100));
        }

        return new TransactionTable("noise", rows, HasValues: true);
    }

    private static CalibrationHoldoutSplit Split(TransactionTable table) => TransactionSummary.Split(table, CalibrationEnd, End, TimeUnit.Weeks);

    [Fact]
    public void On_regular_reorders_with_a_quarter_of_accounts_lost_a_dropout_model_wins_and_beats_the_naive_guess()
    {
        var (table, _) = RegularPortfolio(400, seed: 11);

        var report = Champion.Select(Split(table));

        Assert.True(report.BeatsNaive, report.Reason);
        Assert.NotEqual(NaiveShrinkage.Name, report.Champion);
        Assert.NotEqual(Nbd.Name, report.Champion); // without dropout the lost accounts cannot be told apart
        var champion = report.Challengers.Single(c => c.Model == report.Champion);
        Assert.Equal(report.Challengers.Where(c => c.Eligible).Min(c => c.MeanAbsoluteError), champion.MeanAbsoluteError);
        Assert.True(champion.MeanAbsoluteError < 0.8 * report.NaiveMeanAbsoluteError, $"{champion.MeanAbsoluteError} against naive {report.NaiveMeanAbsoluteError}");
        Assert.Equal(champion.MeanAbsoluteError, report.Backtest.MeanAbsoluteError, 1e-12);
        Assert.Equal(Champion.Models, report.Challengers.Select(c => c.Model));
        Assert.StartsWith($"{report.Champion} has the lowest holdout error", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void On_pure_noise_no_model_beats_the_naive_guess_and_the_shrunk_naive_rate_is_used()
    {
        var report = Champion.Select(Split(NoisePortfolio(200, seed: 5)));

        Assert.False(report.BeatsNaive, report.Reason + " " + string.Join("; ", report.Challengers.Select(c => $"{c.Model} {c.MeanAbsoluteError:F3} z={c.GainStandardErrors:F2}")));
        Assert.Equal(NaiveShrinkage.Name, report.Champion);
        Assert.StartsWith("No model beats the naive \"same rate as before\" guess", report.Reason, StringComparison.Ordinal);
        Assert.Contains("Using the naive rate with heterogeneity shrinkage", report.Reason, StringComparison.Ordinal);
        Assert.All(report.Challengers.Where(c => c.Eligible), c => Assert.True(c.GainStandardErrors <= Champion.RequiredStandardErrors, $"{c.Model}: {c.GainStandardErrors}"));
        Assert.Equal(NaiveShrinkage.Name, report.Backtest.Model);
        Assert.Equal(report.Shrunk.MeanAbsoluteError, report.Backtest.MeanAbsoluteError, 1e-12);
    }

    [Fact]
    public void The_shrunk_naive_rate_pulls_each_rate_towards_the_pooled_rate_by_T_over_T_plus_alpha()
    {
        CustomerSummary[] rows =
        [
            new("a", 2, 8, 10), new("b", 10, 19, 20), new("c", 0, 0, 5), new("d", 30, 39, 40), new("e", 1, 3, 30),
        ];

        var fit = NaiveShrinkage.Fit(rows);

        var m = 43.0 / 105;
        var spread = new[] { 0.2, 0.5, 0.0, 0.75, 1 / 30.0 }.Average(rate => (rate - m) * (rate - m));
        var noise = m * new[] { 1 / 10.0, 1 / 20.0, 1 / 5.0, 1 / 40.0, 1 / 30.0 }.Average();
        var alpha = m / (spread - noise);
        Assert.Equal(alpha, fit.Parameters.Alpha, 1e-9);
        Assert.Equal(m, fit.Parameters.PooledRate, 1e-12);
        var w = 20 / (20 + alpha);
        Assert.Equal(((w * 10 / 20) + ((1 - w) * m)) * 39, fit.Parameters.ConditionalExpectedTransactions(10, 19, 20, 39), 1e-9);
        Assert.Equal(1, fit.Parameters.ProbabilityAlive(0, 0, 5));
    }

    [Fact]
    public void Without_heterogeneity_beyond_noise_every_account_gets_the_pooled_rate()
    {
        CustomerSummary[] rows = [new("a", 5, 9, 10), new("b", 4, 9, 10), new("c", 6, 9, 10)];

        var fit = NaiveShrinkage.Fit(rows);

        Assert.Equal(FitOptions.ParameterUpperBound, fit.Parameters.Alpha);
        Assert.Equal(0.5 * 39, fit.Parameters.ConditionalExpectedTransactions(6, 9, 10, 39), 1e-4);
        Assert.Contains(fit.Result.Warnings, w => w.Contains("pooled rate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_calibration_window_without_customers_is_refused_with_a_clear_error()
    {
        var split = new CalibrationHoldoutSplit([], CalibrationEnd, End, TimeUnit.Weeks, 39);

        var e = Assert.Throws<ClvInputException>(() => Champion.Select(split));

        Assert.Contains("no customers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_generated_regular_portfolios_the_champion_beats_the_naive_guess_and_p_alive_separates_lost_from_active()
    {
        foreach (var seed in new[] { 21, 22, 23 })
        {
            var (table, lostOn) = RegularPortfolio(300, seed);

            var report = Champion.Select(Split(table));
            Assert.True(report.BeatsNaive, $"seed {seed}: {report.Reason}");

            var (model, _) = Backtest.FitModel(TransactionSummary.Summarize(table, End, TimeUnit.Weeks), report.Champion);
            var summaries = TransactionSummary.Summarize(table, End, TimeUnit.Weeks);
            var alive = summaries.Select(s => (Lost: lostOn[s.Id] is not null, P: model.ProbabilityAlive(s.Frequency, s.Recency, s.T))).ToList();
            var auc = Auc(alive.Where(a => !a.Lost).Select(a => a.P).ToList(), alive.Where(a => a.Lost).Select(a => a.P).ToList());
            Assert.True(auc > 0.85, $"seed {seed}: AUC {auc:F3} of P(alive) for {report.Champion}");
        }
    }

    /// <summary>P(a random active account has a higher P(alive) than a random lost one), ties counting half.</summary>
    internal static double Auc(IReadOnlyList<double> active, IReadOnlyList<double> lost)
    {
        double wins = 0;
        foreach (var a in active)
        {
            foreach (var l in lost)
            {
                wins += a > l ? 1 : a == l ? 0.5 : 0;
            }
        }

        return wins / (active.Count * (double)lost.Count);
    }
}

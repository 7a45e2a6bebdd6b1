using System.Globalization;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// The naive "same rate as before" guess with heterogeneity shrinkage, used when no model beats the naive guess on the
/// holdout: each account's rate x/T is pulled towards the pooled rate m = Σx / ΣT by the weight w = T / (T + α),
/// λ̂ = w · x/T + (1 − w) · m = (x + r) / (T + α) with r = m·α. α comes from the method of moments: the between-account
/// variance of the rates is v = mean((x/T − m)²) − m · mean(1/T) (the spread less its Poisson noise), and α = m / v.
/// With v ≤ 0 (no heterogeneity beyond noise) α is the parameter bound 1e6, i.e. every account gets the pooled rate.
/// There is no dropout in a naive guess: P(alive) is 1.
/// </summary>
public sealed record NaiveShrinkageParameters : IRepeatPurchaseModel
{
    private readonly NbdParameters rate;

    public NaiveShrinkageParameters(double r, double alpha)
    {
        rate = new NbdParameters(r, alpha);
    }

    /// <summary>r = m·α: the pseudo-orders of the prior.</summary>
    public double R => rate.R;

    /// <summary>α: the pseudo-weeks of the prior (the shrinkage weight is T / (T + α)).</summary>
    public double Alpha => rate.Alpha;

    /// <summary>The pooled rate m = r / α per time unit.</summary>
    public double PooledRate => rate.R / rate.Alpha;

    public string ModelName => NaiveShrinkage.Name;

    public IReadOnlyDictionary<string, double> ToDictionary() => rate.ToDictionary();

    /// <summary>1: the naive guess assumes nobody leaves.</summary>
    public double ProbabilityAlive(double frequency, double recency, double t) => rate.ProbabilityAlive(frequency, recency, t);

    /// <summary>(x + r) / (T + α) · horizon.</summary>
    public double ConditionalExpectedTransactions(double frequency, double recency, double t, double horizon) =>
        rate.ConditionalExpectedTransactions(frequency, recency, t, horizon);

    /// <summary>m · horizon.</summary>
    public double ExpectedTransactions(double horizon) => rate.ExpectedTransactions(horizon);
}

/// <summary>Fits <see cref="NaiveShrinkageParameters"/> by the method of moments.</summary>
public static class NaiveShrinkage
{
    public const string Name = "naive";

    public static ModelFit<NaiveShrinkageParameters> Fit(IReadOnlyList<CustomerSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var observed = summaries.Where(s => s.T > 0).ToList();
        if (observed.Count == 0)
        {
            throw new ClvInputException("no customer has an observation period longer than 0, so there is no rate to guess from", "summaries", null, null, "T");
        }

        for (var i = 0; i < summaries.Count; i++)
        {
            SummaryValidation.ThrowIfInvalid(summaries[i].Frequency, summaries[i].Recency, summaries[i].T, null, i + 1, "summaries");
        }

        var pooled = observed.Sum(s => s.Frequency) / observed.Sum(s => s.T);
        var m = Math.Max(pooled, FitOptions.ParameterLowerBound);
        var spread = observed.Average(s => Math.Pow((s.Frequency / s.T) - m, 2));
        var noise = m * observed.Average(s => 1 / s.T);
        var v = spread - noise;
        var alpha = v > 0 ? Math.Clamp(m / v, FitOptions.ParameterLowerBound, FitOptions.ParameterUpperBound) : FitOptions.ParameterUpperBound;
        var r = Math.Clamp(m * alpha, FitOptions.ParameterLowerBound, FitOptions.ParameterUpperBound);
        var parameters = new NaiveShrinkageParameters(r, alpha);
        var ll = observed.Sum(s => new NbdParameters(r, alpha).LogLikelihood(s.Frequency, s.Recency, s.T));
        var warnings = v > 0 ? Array.Empty<string>() : ["No heterogeneity in order rates beyond Poisson noise: every account gets the pooled rate."];
        var result = new FitResult(Name, parameters.ToDictionary(), new Dictionary<string, double> { ["r"] = double.NaN, ["alpha"] = double.NaN },
            ll, Converged: true, Iterations: 0, Rows: summaries.Count, UniqueRows: observed.Count, Penalizer: 0, warnings);
        return new ModelFit<NaiveShrinkageParameters>(parameters, result);
    }
}

/// <summary>One model's holdout figures in a champion selection.</summary>
/// <param name="Model">Model name.</param>
/// <param name="MeanAbsoluteError">Holdout mean absolute error per customer (NaN when the fit failed).</param>
/// <param name="PredictedTransactions">Holdout transactions predicted, summed over customers.</param>
/// <param name="CalibrationLogLikelihood">The fit's log-likelihood on the calibration window.</param>
/// <param name="HoldoutLogScore">Mean Poisson log score of the holdout counts, Σ [y ln μ − μ − ln y!] / n with μ = max(prediction, 0.01).</param>
/// <param name="GainOverNaive">Mean per-customer reduction of the absolute error against the naive guess (positive: better).</param>
/// <param name="GainStandardErrors">
/// The mean per-customer reduction of the absolute error against the naive rate with heterogeneity shrinkage, over its
/// standard error (paired across customers): how sure the gain is more than the shrinkage alone gives. For the shrunk
/// naive itself, against the naive guess.
/// </param>
/// <param name="Eligible">Converged with finite predictions: can be the champion.</param>
/// <param name="Note">Why not eligible, or the fit's warnings.</param>
public sealed record ChallengerScore(
    string Model,
    double MeanAbsoluteError,
    double PredictedTransactions,
    double CalibrationLogLikelihood,
    double HoldoutLogScore,
    double GainOverNaive,
    double GainStandardErrors,
    bool Eligible,
    string? Note);

/// <summary>
/// The outcome of a champion selection: every challenger's holdout figures, the naive guess's, and the chosen model with
/// the reason in plain words. <c>Champion</c> is <see cref="NaiveShrinkage.Name"/> when no model beats the naive guess.
/// </summary>
public sealed record ChampionReport(
    string Champion,
    bool BeatsNaive,
    string Reason,
    double NaiveMeanAbsoluteError,
    double NaiveHoldoutLogScore,
    ChallengerScore Shrunk,
    IReadOnlyList<ChallengerScore> Challengers,
    BacktestReport Backtest);

/// <summary>
/// Champion by holdout: every model is fitted on the calibration window and predicts the holdout; the champion is the
/// eligible model with the lowest mean absolute error per customer, provided its error is below the naive "same rate as
/// before" guess's and below the shrunk naive rate's by more than <see cref="RequiredStandardErrors"/> standard errors of
/// the paired per-customer difference (a gain that shrinking alone does not give). Otherwise the champion is the naive
/// rate with heterogeneity shrinkage (<see cref="NaiveShrinkage"/>), not a worse or merely equal model.
/// </summary>
public static class Champion
{
    /// <summary>How many standard errors the gain over the naive guess must exceed (2: a gain the noise would rarely give).</summary>
    public const double RequiredStandardErrors = 2;

    /// <summary>The floor on a predicted count in the Poisson log score, so that a naive 0 with an order is not −∞.</summary>
    public const double LogScoreFloor = 0.01;

    /// <summary>
    /// The transaction models the champion is chosen from by default. Pareto/NBD is left out: its fit uses numeric
    /// gradients of a 2F1 series and takes seconds to minutes where the others take milliseconds (pass it in
    /// <c>models</c> to include it).
    /// </summary>
    public static IReadOnlyList<string> Models { get; } = [BgNbd.Name, MbgNbd.Name, MbgCnbd.Name, Nbd.Name];

    public static ChampionReport Select(CalibrationHoldoutSplit split, IReadOnlyList<string>? models = null, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.Rows.Count == 0)
        {
            throw new ClvInputException("the calibration window has no customers", "split", null, null, null);
        }

        var calibration = split.Rows.Select(r => r.Calibration).ToArray();
        var actual = split.Rows.Select(r => r.HoldoutFrequency).ToArray();
        var naive = calibration.Select(c => c.T > 0 ? c.Frequency / c.T * split.HoldoutDuration : 0).ToArray();
        var naiveErrors = Errors(naive, actual);
        var naiveMae = naiveErrors.Average();
        var naiveLogScore = LogScore(naive, actual);

        var (shrunkModel, shrunkFit) = Clv.Backtest.FitModel(calibration, NaiveShrinkage.Name);
        var shrunkPredicted = Predict(split, shrunkModel);
        var shrunkErrors = Errors(shrunkPredicted, actual);
        var (shrunk, shrunkReport) = Score(split, shrunkModel, shrunkFit, actual, naiveErrors, naiveErrors);

        // The challengers are fitted and scored independently, on both cores; they are listed in the order asked for.
        var names = (models ?? Models).ToArray();
        var outcomes = new (ChallengerScore Score, BacktestReport? Report)[names.Length];
        Parallel.For(0, names.Length, i =>
        {
            try
            {
                var (model, fit) = Clv.Backtest.FitModel(calibration, names[i], options);
                outcomes[i] = Score(split, model, fit, actual, naiveErrors, shrunkErrors);
            }
            catch (Exception e) when (e is ClvInputException or ArgumentException or ArithmeticException)
            {
                outcomes[i] = (new ChallengerScore(names[i], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, false, $"fit failed: {e.Message}"), null);
            }
        });
        var challengers = new List<ChallengerScore>();
        var reports = new Dictionary<string, BacktestReport>();
        for (var i = 0; i < names.Length; i++)
        {
            challengers.Add(outcomes[i].Score);
            if (outcomes[i].Report is { } report)
            {
                reports[names[i]] = report;
            }
        }

        var best = challengers.Where(c => c.Eligible).OrderBy(c => c.MeanAbsoluteError).ThenBy(c => challengers.IndexOf(c)).FirstOrDefault();
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        if (best is not null && best.MeanAbsoluteError < naiveMae && best.MeanAbsoluteError < shrunk.MeanAbsoluteError && best.GainStandardErrors > RequiredStandardErrors)
        {
            var lower = (naiveMae - best.MeanAbsoluteError) / naiveMae;
            var reason = $"{best.Model} has the lowest holdout error of the {challengers.Count} models tried: {F(best.MeanAbsoluteError)} orders per account " +
                $"against {F(naiveMae)} for the naive \"same rate as before\" guess ({lower.ToString("0%", CultureInfo.InvariantCulture)} lower, " +
                $"{best.GainStandardErrors.ToString("0.0", CultureInfo.InvariantCulture)} standard errors).";
            return new ChampionReport(best.Model, true, reason, naiveMae, naiveLogScore, shrunk, challengers, reports[best.Model]);
        }

        var why = best is null
            ? "No model could be fitted."
            : best.MeanAbsoluteError >= naiveMae
                ? $"No model beats the naive \"same rate as before\" guess: the best, {best.Model}, erred by {F(best.MeanAbsoluteError)} orders per account against {F(naiveMae)}."
                : $"No model beats the naive \"same rate as before\" guess by more than shrinking that guess does: the best, {best.Model}, erred by {F(best.MeanAbsoluteError)} orders per account " +
                  $"against {F(naiveMae)} for the naive guess and {F(shrunk.MeanAbsoluteError)} for the naive rate with heterogeneity shrinkage " +
                  $"(a gain over the latter of {best.GainStandardErrors.ToString("0.0", CultureInfo.InvariantCulture)} standard errors; {RequiredStandardErrors.ToString("0", CultureInfo.InvariantCulture)} are required).";
        var fallback = $"{why} Using the naive rate with heterogeneity shrinkage instead (holdout error {F(shrunk.MeanAbsoluteError)}).";
        return new ChampionReport(NaiveShrinkage.Name, false, fallback, naiveMae, naiveLogScore, shrunk, challengers, shrunkReport);
    }

    private static double[] Predict(CalibrationHoldoutSplit split, IRepeatPurchaseModel model) =>
        split.Rows.Select(r => model.ConditionalExpectedTransactions(r.Calibration.Frequency, r.Calibration.Recency, r.Calibration.T, split.HoldoutDuration)).ToArray();

    private static (ChallengerScore Score, BacktestReport Report) Score(
        CalibrationHoldoutSplit split, IRepeatPurchaseModel model, FitResult fit, double[] actual, double[] naiveErrors, double[] baselineErrors)
    {
        var predicted = Predict(split, model);
        var report = Clv.Backtest.Evaluate(split, model, fit);
        var finite = predicted.All(double.IsFinite);
        if (!finite || !fit.Converged)
        {
            var note = !fit.Converged ? "did not converge" : "non-finite predictions";
            return (new ChallengerScore(model.ModelName, finite ? report.MeanAbsoluteError : double.NaN, finite ? report.PredictedTransactions : double.NaN,
                fit.LogLikelihood, finite ? LogScore(predicted, actual) : double.NaN, double.NaN, double.NaN, false, note), report);
        }

        var errors = Errors(predicted, actual);
        var mean = naiveErrors.Zip(errors, (n, e) => n - e).Average();
        var gains = baselineErrors.Zip(errors, (n, e) => n - e).ToArray();
        var baselineGain = gains.Average();
        var sd = gains.Length > 1 ? Math.Sqrt(gains.Sum(g => (g - baselineGain) * (g - baselineGain)) / (gains.Length - 1)) : 0;
        var se = sd / Math.Sqrt(gains.Length);
        var z = se > 0 ? baselineGain / se : baselineGain > 0 ? double.PositiveInfinity : 0;
        var warnings = fit.Warnings.Count == 0 ? null : string.Join(" ", fit.Warnings);
        return (new ChallengerScore(model.ModelName, errors.Average(), predicted.Sum(), fit.LogLikelihood, LogScore(predicted, actual), mean,
            double.IsFinite(z) ? z : 1e6, true, warnings), report);
    }

    private static double[] Errors(double[] predicted, double[] actual) => predicted.Zip(actual, (p, a) => Math.Abs(p - a)).ToArray();

    private static double LogScore(double[] predicted, double[] actual)
    {
        var sum = 0.0;
        for (var i = 0; i < predicted.Length; i++)
        {
            var mu = Math.Max(predicted[i], LogScoreFloor);
            sum += (actual[i] * Math.Log(mu)) - mu - MathNet.Numerics.SpecialFunctions.FactorialLn((int)Math.Round(actual[i]));
        }

        return sum / predicted.Length;
    }
}

namespace MedTechAccounts.Analytics.Clv;

/// <summary>Mean holdout transactions per customer of one calibration-frequency bucket.</summary>
public sealed record BacktestBucket(string Frequency, int Customers, double Predicted, double Actual, double Naive);

/// <summary>
/// Calibration/holdout backtest: the model fitted on the calibration window predicts each
/// customer's holdout transactions. Mean absolute errors are per customer; the naive baseline
/// predicts that each customer keeps their calibration rate x / T.
/// </summary>
public sealed record BacktestReport(
    string Model,
    FitResult Fit,
    DateOnly CalibrationEnd,
    DateOnly HoldoutEnd,
    TimeUnit Unit,
    double HoldoutDuration,
    int Customers,
    double ActualTransactions,
    double PredictedTransactions,
    double NaiveTransactions,
    double MeanAbsoluteError,
    double NaiveMeanAbsoluteError,
    IReadOnlyList<BacktestBucket> Buckets);

public static class Backtest
{
    /// <summary>Buckets 0, 1, …, <c>LastBucket − 1</c> and "LastBucket+".</summary>
    public const int LastBucket = 7;

    /// <summary>The transaction models a backtest can fit.</summary>
    public static IReadOnlyList<string> Models { get; } = [BgNbd.Name, ParetoNbd.Name, MbgNbd.Name, MbgCnbd.Name, Nbd.Name];

    public static BacktestReport Run(TransactionTable transactions, DateOnly calibrationEnd, int holdoutWeeks = 39, string model = BgNbd.Name, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdoutWeeks, 1);
        var split = TransactionSummary.Split(transactions, calibrationEnd, calibrationEnd.AddDays(7 * holdoutWeeks), TimeUnit.Weeks);
        return Run(split, model, options);
    }

    public static BacktestReport Run(CalibrationHoldoutSplit split, string model = BgNbd.Name, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        var (fitted, fit) = FitModel(split.Rows.Select(r => r.Calibration).ToArray(), model, options);
        return Evaluate(split, fitted, fit);
    }

    /// <summary>Fits one of <see cref="Models"/> (or <see cref="NaiveShrinkage"/>'s "naive") on customer summaries.</summary>
    public static (IRepeatPurchaseModel Model, FitResult Fit) FitModel(IReadOnlyList<CustomerSummary> summaries, string model, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        switch (model)
        {
            case BgNbd.Name:
                var bg = BgNbd.Fit(FrequencyRecencyData.FromSummaries(summaries), options);
                return (bg.Parameters, bg.Result);
            case ParetoNbd.Name:
                var pn = ParetoNbd.Fit(FrequencyRecencyData.FromSummaries(summaries), options);
                return (pn.Parameters, pn.Result);
            case MbgNbd.Name:
                var mbg = MbgNbd.Fit(FrequencyRecencyData.FromSummaries(summaries), options);
                return (mbg.Parameters, mbg.Result);
            case MbgCnbd.Name:
                var cnbd = MbgCnbd.Fit(MbgCnbdData.FromSummaries(summaries), options);
                return (cnbd.Parameters, cnbd.Result);
            case Nbd.Name:
                var nbd = Nbd.Fit(FrequencyRecencyData.FromSummaries(summaries), options);
                return (nbd.Parameters, nbd.Result);
            case NaiveShrinkage.Name:
                var naive = NaiveShrinkage.Fit(summaries);
                return (naive.Parameters, naive.Result);
            default:
                throw new ArgumentException($"The backtest takes one of {string.Join(", ", Models)}, not '{model}'.", nameof(model));
        }
    }

    /// <summary>Compares the predictions of given parameters with the holdout.</summary>
    public static BacktestReport Evaluate(CalibrationHoldoutSplit split, IRepeatPurchaseModel model, FitResult fit)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(model);
        var n = LastBucket + 1;
        var count = new int[n];
        var predicted = new double[n];
        var actual = new double[n];
        var naive = new double[n];
        double absError = 0, naiveAbsError = 0, predictedTotal = 0, naiveTotal = 0, actualTotal = 0;
        foreach (var row in split.Rows)
        {
            var c = row.Calibration;
            var e = model.ConditionalExpectedTransactions(c.Frequency, c.Recency, c.T, split.HoldoutDuration);
            var rate = c.T > 0 ? c.Frequency / c.T * split.HoldoutDuration : 0;
            var bucket = (int)Math.Min(c.Frequency, LastBucket);
            count[bucket]++;
            predicted[bucket] += e;
            actual[bucket] += row.HoldoutFrequency;
            naive[bucket] += rate;
            absError += Math.Abs(e - row.HoldoutFrequency);
            naiveAbsError += Math.Abs(rate - row.HoldoutFrequency);
            predictedTotal += e;
            naiveTotal += rate;
            actualTotal += row.HoldoutFrequency;
        }

        var buckets = new List<BacktestBucket>(n);
        for (var b = 0; b < n; b++)
        {
            var label = b == LastBucket ? $"{b}+" : b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var k = Math.Max(count[b], 1);
            buckets.Add(new BacktestBucket(label, count[b], predicted[b] / k, actual[b] / k, naive[b] / k));
        }

        var customers = split.Rows.Count;
        return new BacktestReport(
            model.ModelName,
            fit,
            split.CalibrationEnd,
            split.HoldoutEnd,
            split.Unit,
            split.HoldoutDuration,
            customers,
            actualTotal,
            predictedTotal,
            naiveTotal,
            absError / customers,
            naiveAbsError / customers,
            buckets);
    }
}

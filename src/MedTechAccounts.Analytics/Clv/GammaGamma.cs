using System.Globalization;
using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Gamma-Gamma spend parameters (Fader, Hardie and Lee 2005, "RFM and CLV"; Hardie's note on
/// the Gamma-Gamma model): each transaction value z ~ Gamma(shape p, rate ν), and across
/// customers ν ~ Gamma(shape q, rate γ).
/// </summary>
public sealed record GammaGammaParameters
{
    public GammaGammaParameters(double p, double q, double gamma)
    {
        ModelGuards.Positive(p, nameof(p));
        ModelGuards.Positive(q, nameof(q));
        ModelGuards.Positive(gamma, nameof(gamma));
        P = p;
        Q = q;
        Gamma = gamma;
    }

    public double P { get; }

    public double Q { get; }

    public double Gamma { get; }

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["p"] = P, ["q"] = Q, ["gamma"] = Gamma };

    /// <summary>E[M] = pγ / (q − 1), the mean spend of a customer with no repeat purchase; infinite when q ≤ 1.</summary>
    public double PopulationMeanSpend => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;

    /// <summary>
    /// E[M | x, zbar] = p(γ + x·zbar) / (px + q − 1): a weighted mean of the population mean
    /// and the customer's own mean. With x = 0 it is the population mean.
    /// </summary>
    public double ConditionalExpectedSpend(double frequency, double monetaryValue)
    {
        GammaGamma.ValidateRow(frequency, monetaryValue, 0, requireRepeat: false);
        if (frequency == 0)
        {
            return PopulationMeanSpend;
        }

        var denominator = (P * frequency) + Q - 1;
        return denominator > 0 ? P * (Gamma + (frequency * monetaryValue)) / denominator : double.PositiveInfinity;
    }

    /// <summary>Log density of the mean spend zbar of x repeat purchases.</summary>
    public double LogLikelihood(double frequency, double monetaryValue)
    {
        GammaGamma.ValidateRow(frequency, monetaryValue, 0, requireRepeat: true);
        var px = P * frequency;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + (Q * Math.Log(Gamma)) + ((px - 1) * Math.Log(monetaryValue)) + (px * Math.Log(frequency))
            - ((px + Q) * Math.Log(Gamma + (frequency * monetaryValue)));
    }
}

/// <summary>Fitting of the Gamma-Gamma spend model on repeat buyers.</summary>
public static class GammaGamma
{
    public const string Name = "gammagamma";

    public static IReadOnlyList<string> ParameterNames { get; } = ["p", "q", "gamma"];

    private static readonly double[][] Starts =
    [
        [1, 1, 1],
        [5, 3, 10],
        [2, 5, 50],
    ];

    /// <summary>Fits on a summary table with a monetary column; rows with x = 0 are skipped, bad rows name their line.</summary>
    public static ModelFit<GammaGammaParameters> Fit(SummaryTable table, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasMonetaryValue)
        {
            throw new ClvInputException("the spend model needs a monetary_value (or zbar) column", table.Source, 1, null, "monetary_value");
        }

        var x = table.Rows.Select(r => r.Frequency).ToArray();
        var m = table.Rows.Select(r => r.MonetaryValue ?? 0).ToArray();
        try
        {
            return Fit(x, m, options);
        }
        catch (ClvInputException e) when (e.Row is { } row && row < table.Lines.Count)
        {
            throw e.AtLine(table.Source, table.Lines[row]);
        }
    }

    /// <summary>
    /// Fits on per-customer frequency and mean repeat spend. Customers with x = 0 carry no
    /// spend information and are skipped; x = 0 with spend &gt; 0 is an error.
    /// </summary>
    public static ModelFit<GammaGammaParameters> Fit(IReadOnlyList<double> frequency, IReadOnlyList<double> monetaryValue, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(monetaryValue);
        if (frequency.Count != monetaryValue.Count)
        {
            throw new ArgumentException("frequency and monetary value must have the same length.", nameof(monetaryValue));
        }

        options ??= FitOptions.Default;
        var index = new Dictionary<(double, double), int>();
        var ux = new List<double>();
        var um = new List<double>();
        var uw = new List<double>();
        var buyers = 0;
        for (var i = 0; i < frequency.Count; i++)
        {
            ValidateRow(frequency[i], monetaryValue[i], i, requireRepeat: false);
            if (frequency[i] == 0)
            {
                continue;
            }

            buyers++;
            var key = (frequency[i], monetaryValue[i]);
            if (index.TryGetValue(key, out var k))
            {
                uw[k] += 1;
            }
            else
            {
                index.Add(key, ux.Count);
                ux.Add(frequency[i]);
                um.Add(monetaryValue[i]);
                uw.Add(1);
            }
        }

        if (buyers < 2)
        {
            throw new ClvInputException("the spend model needs at least two customers with repeat purchases", "input", null, null, "frequency");
        }

        var data = new SpendData([.. ux], [.. um], [.. uw]);
        var problem = new LikelihoodProblem(
            Name,
            [.. ParameterNames],
            Starts,
            (theta, gradient) => LogLikelihood(theta, data, gradient, options.ParallelThreshold),
            HasAnalyticGradient: true,
            buyers,
            buyers,
            data.X.Length);
        var (theta, result) = MaximumLikelihood.Fit(problem, options);

        var correlation = Pearson(frequency, monetaryValue);
        if (double.IsFinite(correlation) && Math.Abs(correlation) > options.SpendCorrelationWarningThreshold)
        {
            var warnings = result.Warnings.ToList();
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Frequency and mean spend of repeat buyers are correlated (Pearson r = {correlation:F3}, threshold {options.SpendCorrelationWarningThreshold}); the Gamma-Gamma model assumes they are independent."));
            result = result with { Warnings = warnings };
        }

        return new ModelFit<GammaGammaParameters>(new GammaGammaParameters(theta[0], theta[1], theta[2]), result);
    }

    /// <summary>Pearson correlation between frequency and mean spend over repeat buyers (x &gt; 0).</summary>
    public static double Pearson(IReadOnlyList<double> frequency, IReadOnlyList<double> monetaryValue)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(monetaryValue);
        double n = 0, sx = 0, sm = 0;
        for (var i = 0; i < frequency.Count; i++)
        {
            if (frequency[i] > 0)
            {
                n++;
                sx += frequency[i];
                sm += monetaryValue[i];
            }
        }

        if (n < 2)
        {
            return double.NaN;
        }

        double mx = sx / n, mm = sm / n, cxx = 0, cmm = 0, cxm = 0;
        for (var i = 0; i < frequency.Count; i++)
        {
            if (frequency[i] > 0)
            {
                var dx = frequency[i] - mx;
                var dm = monetaryValue[i] - mm;
                cxx += dx * dx;
                cmm += dm * dm;
                cxm += dx * dm;
            }
        }

        return cxx > 0 && cmm > 0 ? cxm / Math.Sqrt(cxx * cmm) : 0;
    }

    /// <summary>Total log-likelihood of repeat buyers (x &gt; 0); rows with x = 0 are skipped.</summary>
    public static double LogLikelihood(GammaGammaParameters parameters, IReadOnlyList<double> frequency, IReadOnlyList<double> monetaryValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var data = SpendData.From(frequency, monetaryValue);
        return LogLikelihood([parameters.P, parameters.Q, parameters.Gamma], data, null, int.MaxValue);
    }

    /// <summary>Gradient of the total log-likelihood with respect to (p, q, γ).</summary>
    public static double[] Gradient(GammaGammaParameters parameters, IReadOnlyList<double> frequency, IReadOnlyList<double> monetaryValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var data = SpendData.From(frequency, monetaryValue);
        var gradient = new double[3];
        LogLikelihood([parameters.P, parameters.Q, parameters.Gamma], data, gradient, int.MaxValue);
        return gradient;
    }

    internal static void ValidateRow(double x, double m, int row, bool requireRepeat)
    {
        if (!double.IsFinite(x))
        {
            throw new ClvInputException("frequency is not a finite number", "input", null, row, "frequency");
        }

        if (!double.IsFinite(m))
        {
            throw new ClvInputException("monetary value is not a finite number", "input", null, row, "monetary_value");
        }

        if (x < 0)
        {
            throw new ClvInputException(string.Create(CultureInfo.InvariantCulture, $"frequency {x} is negative"), "input", null, row, "frequency");
        }

        if (m < 0)
        {
            throw new ClvInputException(string.Create(CultureInfo.InvariantCulture, $"monetary value {m} is negative"), "input", null, row, "monetary_value");
        }

        if (x == 0 && m > 0)
        {
            throw new ClvInputException(
                string.Create(CultureInfo.InvariantCulture, $"monetary value {m} with frequency 0: the spend model takes the mean of repeat purchases, which a customer without repeat purchases does not have"),
                "input", null, row, "monetary_value");
        }

        if (x > 0 && m == 0)
        {
            throw new ClvInputException("monetary value 0 for a repeat buyer: the spend model needs positive spend", "input", null, row, "monetary_value");
        }

        if (requireRepeat && x == 0)
        {
            throw new ClvInputException("the spend likelihood is defined for repeat buyers (frequency > 0)", "input", null, row, "frequency");
        }
    }

    private static double LogLikelihood(double[] theta, SpendData data, double[]? gradient, int parallelThreshold)
    {
        double p = theta[0], q = theta[1], gamma = theta[2];
        var distinct = data.DistinctX;
        var c = new double[distinct.Length];
        var dpx = new double[distinct.Length];
        var dq = new double[distinct.Length];
        var lnGammaQ = SpecialFunctions.GammaLn(q);
        var lnG = Math.Log(gamma);
        var psiQ = gradient is null ? 0 : SpecialFunctions.DiGamma(q);
        for (var k = 0; k < distinct.Length; k++)
        {
            var x = distinct[k];
            var px = p * x;
            c[k] = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lnGammaQ + (q * lnG) + (px * Math.Log(x));
            if (gradient is not null)
            {
                var psiPxq = SpecialFunctions.DiGamma(px + q);
                dpx[k] = x * (psiPxq - SpecialFunctions.DiGamma(px) + Math.Log(x));
                dq[k] = psiPxq - psiQ + lnG;
            }
        }

        var xs = data.X;
        var ms = data.M;
        var ws = data.W;
        var idx = data.XIndex;
        var withGradient = gradient is not null;
        var sums = PartitionedSum.Run(xs.Length, withGradient ? 4 : 1, parallelThreshold, (start, end, acc) =>
        {
            double ll = 0, gp = 0, gq = 0, gg = 0;
            for (var i = start; i < end; i++)
            {
                var k = idx[i];
                var x = xs[i];
                var px = p * x;
                var lnM = Math.Log(ms[i]);
                var denom = gamma + (x * ms[i]);
                var lnDenom = Math.Log(denom);
                ll += ws[i] * (c[k] + ((px - 1) * lnM) - ((px + q) * lnDenom));
                if (withGradient)
                {
                    gp += ws[i] * (dpx[k] + (x * lnM) - (x * lnDenom));
                    gq += ws[i] * (dq[k] - lnDenom);
                    gg += ws[i] * ((q / gamma) - ((px + q) / denom));
                }
            }

            acc[0] += ll;
            if (acc.Length > 1)
            {
                acc[1] += gp;
                acc[2] += gq;
                acc[3] += gg;
            }
        });

        if (gradient is not null)
        {
            gradient[0] = sums[1];
            gradient[1] = sums[2];
            gradient[2] = sums[3];
        }

        return sums[0];
    }

    private sealed class SpendData
    {
        public SpendData(double[] x, double[] m, double[] w)
        {
            X = x;
            M = m;
            W = w;
            var map = new Dictionary<double, int>();
            XIndex = new int[x.Length];
            var values = new List<double>();
            for (var i = 0; i < x.Length; i++)
            {
                if (!map.TryGetValue(x[i], out var k))
                {
                    k = values.Count;
                    map.Add(x[i], k);
                    values.Add(x[i]);
                }

                XIndex[i] = k;
            }

            DistinctX = [.. values];
        }

        public double[] X { get; }

        public double[] M { get; }

        public double[] W { get; }

        public int[] XIndex { get; }

        public double[] DistinctX { get; }

        public static SpendData From(IReadOnlyList<double> frequency, IReadOnlyList<double> monetaryValue)
        {
            ArgumentNullException.ThrowIfNull(frequency);
            ArgumentNullException.ThrowIfNull(monetaryValue);
            var x = new List<double>();
            var m = new List<double>();
            for (var i = 0; i < frequency.Count; i++)
            {
                ValidateRow(frequency[i], monetaryValue[i], i, requireRepeat: false);
                if (frequency[i] > 0)
                {
                    x.Add(frequency[i]);
                    m.Add(monetaryValue[i]);
                }
            }

            return new SpendData([.. x], [.. m], [.. x.Select(_ => 1.0)]);
        }
    }
}

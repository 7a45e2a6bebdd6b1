using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// BG/NBD parameters (Fader, Hardie and Lee 2005, "Counting your customers the easy way"):
/// purchase rates λ ~ Gamma(shape r, rate α); after each repeat purchase the customer drops
/// out with probability p ~ Beta(a, b).
/// </summary>
public sealed record BgNbdParameters : IRepeatPurchaseModel
{
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        ModelGuards.Positive(r, nameof(r));
        ModelGuards.Positive(alpha, nameof(alpha));
        ModelGuards.Positive(a, nameof(a));
        ModelGuards.Positive(b, nameof(b));
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
    }

    public double R { get; }

    public double Alpha { get; }

    public double A { get; }

    public double B { get; }

    public string ModelName => BgNbd.Name;

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["a"] = A, ["b"] = B };

    /// <summary>ln L(r, α, a, b | x, t_x, T) of one customer, in log space (finite for any x).</summary>
    public double LogLikelihood(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        var x = frequency;
        var common = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha))
            + SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        var a3 = -(R + x) * Math.Log(Alpha + t);
        var a4 = x > 0 ? Math.Log(A) - Math.Log(B + x - 1) - ((R + x) * Math.Log(Alpha + recency)) : double.NegativeInfinity;
        return common + LogMath.LogSumExp(a3, a4);
    }

    /// <summary>P(alive | x, t_x, T); exactly 1 when x = 0.</summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        return ProbabilityAliveUnchecked(frequency, recency, t);
    }

    internal double ProbabilityAliveUnchecked(double x, double tx, double t)
    {
        if (x == 0)
        {
            return 1.0;
        }

        var z = Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)));
        return LogMath.InverseOnePlusExp(z);
    }

    /// <summary>E[Y(t) | x, t_x, T] (equation 10 of the paper), with the 2F1 in its Euler form.</summary>
    public double ConditionalExpectedTransactions(double frequency, double recency, double t, double horizon)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        ModelGuards.Horizon(horizon);
        return ConditionalExpectedUnchecked(frequency, recency, t, horizon);
    }

    internal double ConditionalExpectedUnchecked(double x, double tx, double t, double horizon)
    {
        if (horizon == 0)
        {
            return 0;
        }

        if (Math.Abs(A - 1) < 1e-7)
        {
            // (a + b + x − 1)/(a − 1) · [1 − …] has a removable singularity at a = 1.
            var lo = new BgNbdParameters(R, Alpha, 1 - 1e-6, B).ConditionalExpectedUnchecked(x, tx, t, horizon);
            var hi = new BgNbdParameters(R, Alpha, 1 + 1e-6, B).ConditionalExpectedUnchecked(x, tx, t, horizon);
            return 0.5 * (lo + hi);
        }

        var z = horizon / (Alpha + t + horizon);
        var (logFactor, series) = Hypergeometric.Hyp2F1Parts(R + x, B + x, A + B + x - 1, z);
        // ((α+T)/(α+T+t))^(r+x) = (1 − z)^(r+x), combined with the transformation's power of (1 − z).
        var logTerm = logFactor + ((R + x) * LogMath.Log1P(-z));
        var bracket = OneMinus(logTerm, series);
        var value = (A + B + x - 1) / (A - 1) * bracket * ProbabilityAliveUnchecked(x, tx, t);
        return Math.Max(0, value);
    }

    /// <summary>E[X(t)] for a customer just acquired (equation 9 of the paper).</summary>
    public double ExpectedTransactions(double horizon)
    {
        ModelGuards.Horizon(horizon);
        if (horizon == 0)
        {
            return 0;
        }

        if (Math.Abs(A - 1) < 1e-7)
        {
            return 0.5 * (new BgNbdParameters(R, Alpha, 1 - 1e-6, B).ExpectedTransactions(horizon)
                + new BgNbdParameters(R, Alpha, 1 + 1e-6, B).ExpectedTransactions(horizon));
        }

        var z = horizon / (Alpha + horizon);
        var (logFactor, series) = Hypergeometric.Hyp2F1Parts(R, B, A + B - 1, z);
        var logTerm = logFactor + (R * LogMath.Log1P(-z));
        var bracket = OneMinus(logTerm, series);
        return Math.Max(0, (A + B - 1) / (A - 1) * bracket);
    }

    /// <summary>1 − e^logTerm · series; accurate near 0 when the series is positive (it can be negative when a + b + x &lt; 1).</summary>
    private static double OneMinus(double logTerm, double series) =>
        series > 0 ? -LogMath.ExpM1(logTerm + Math.Log(series)) : 1 - (Math.Exp(logTerm) * series);

    /// <summary>P(X(t) = n) for a customer just acquired (equation 8 of the paper).</summary>
    public double ProbabilityOfTransactions(int n, double horizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelGuards.Horizon(horizon);
        if (horizon == 0)
        {
            return n == 0 ? 1 : 0;
        }

        var logP = Math.Log(Alpha / (Alpha + horizon));
        var logQ = Math.Log(horizon / (Alpha + horizon));
        var logBeta1 = SpecialFunctions.GammaLn(B + n) + SpecialFunctions.GammaLn(A + B) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + n);
        var logNb = SpecialFunctions.GammaLn(R + n) - SpecialFunctions.GammaLn(R) - SpecialFunctions.GammaLn(n + 1) + (R * logP) + (n * logQ);
        var first = Math.Exp(logBeta1 + logNb);
        if (n == 0)
        {
            return first;
        }

        var logBeta2 = Math.Log(A) + SpecialFunctions.GammaLn(B + n - 1) - SpecialFunctions.GammaLn(B) + SpecialFunctions.GammaLn(A + B) - SpecialFunctions.GammaLn(A + B + n);
        var tail = SpecialFunctions.BetaRegularized(n, R, horizon / (Alpha + horizon));
        return first + (Math.Exp(logBeta2) * tail);
    }
}

/// <summary>Fitting and likelihood of the BG/NBD model.</summary>
public static class BgNbd
{
    public const string Name = "bgnbd";

    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha", "a", "b"];

    private static readonly double[][] Starts =
    [
        [1, 1, 1, 1],
        [0.5, 5, 0.8, 2.5],
        [2, 20, 0.3, 5],
    ];

    public static ModelFit<BgNbdParameters> Fit(FrequencyRecencyData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var threshold = (options ?? FitOptions.Default).ParallelThreshold;
        var problem = new LikelihoodProblem(
            Name,
            [.. ParameterNames],
            Starts,
            (theta, gradient) => LogLikelihood(theta, data, gradient, threshold),
            HasAnalyticGradient: true,
            data.TotalWeight,
            (int)Math.Round(data.TotalWeight),
            data.Count)
        {
            Screening = maxRows =>
            {
                var sample = data.Subsample(maxRows);
                return ((theta, gradient) => LogLikelihood(theta, sample, gradient, threshold), sample.TotalWeight);
            },
        };
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        return new ModelFit<BgNbdParameters>(new BgNbdParameters(theta[0], theta[1], theta[2], theta[3]), result);
    }

    /// <summary>Total weighted log-likelihood of the data.</summary>
    public static double LogLikelihood(BgNbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood([parameters.R, parameters.Alpha, parameters.A, parameters.B], data, null, FitOptions.Default.ParallelThreshold);
    }

    /// <summary>Gradient of the total log-likelihood with respect to (r, α, a, b).</summary>
    public static double[] Gradient(BgNbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        var gradient = new double[4];
        LogLikelihood([parameters.R, parameters.Alpha, parameters.A, parameters.B], data, gradient, FitOptions.Default.ParallelThreshold);
        return gradient;
    }

    internal static double LogLikelihood(double[] theta, FrequencyRecencyData data, double[]? gradient, int parallelThreshold) =>
        LogLikelihood(theta, data, gradient, parallelThreshold, modified: false);

    /// <summary>
    /// BG/NBD (<paramref name="modified"/> false) or MBG/NBD (true) log-likelihood. The MBG/NBD
    /// lets a customer drop out at time 0 as well, i.e. after x + 1 purchases instead of x: the
    /// Beta terms shift from (b + x) to (b + x + 1) and the dropout term exists for x = 0 too.
    /// </summary>
    internal static double LogLikelihood(double[] theta, FrequencyRecencyData data, double[]? gradient, int parallelThreshold, bool modified)
    {
        var shift = modified ? 1.0 : 0.0;
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        var distinct = data.DistinctX;
        var common = new double[distinct.Length];
        var logA4 = new double[distinct.Length];
        var dr = new double[distinct.Length];
        var da = new double[distinct.Length];
        var db = new double[distinct.Length];
        var lnAlpha = Math.Log(alpha);
        var lnA = Math.Log(a);
        var baseGamma = SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(r);
        var psiR = gradient is null ? 0 : SpecialFunctions.DiGamma(r);
        var psiAb = gradient is null ? 0 : SpecialFunctions.DiGamma(a + b);
        var psiB = gradient is null ? 0 : SpecialFunctions.DiGamma(b);
        for (var k = 0; k < distinct.Length; k++)
        {
            var x = distinct[k];
            common[k] = baseGamma + SpecialFunctions.GammaLn(r + x) + (r * lnAlpha) + SpecialFunctions.GammaLn(b + x + shift) - SpecialFunctions.GammaLn(a + b + x + shift);
            logA4[k] = x > 0 || modified ? lnA - Math.Log(b + x + shift - 1) : double.NegativeInfinity;
            if (gradient is not null)
            {
                var psiAbx = SpecialFunctions.DiGamma(a + b + x + shift);
                dr[k] = SpecialFunctions.DiGamma(r + x) - psiR + lnAlpha;
                da[k] = psiAb - psiAbx;
                db[k] = psiAb + SpecialFunctions.DiGamma(b + x + shift) - psiB - psiAbx;
            }
        }

        var xs = data.XArray;
        var txs = data.TxArray;
        var ts = data.TArray;
        var ws = data.WeightArray;
        var index = data.XIndex;
        var tIndex = data.TIndex;
        var txIndex = data.TxIndex;
        // Grouped rows share ln(α + T) and ln(α + t_x) tables; continuous-time rows compute them in the (parallel) loop.
        var grouped = data.Grouped;
        var lnAlphaT = grouped ? LogsOfAlphaPlus(alpha, data.DistinctT!) : [];
        var lnAlphaTx = grouped ? LogsOfAlphaPlus(alpha, data.DistinctTx!) : [];
        var withGradient = gradient is not null;
        var sums = PartitionedSum.Run(data.Count, withGradient ? 5 : 1, parallelThreshold, (start, end, acc) =>
        {
            double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
            for (var i = start; i < end; i++)
            {
                var k = index[i];
                var x = xs[i];
                var w = ws[i];
                var rx = r + x;
                var lnAT = grouped ? lnAlphaT[tIndex![i]] : Math.Log(alpha + ts[i]);
                var a3 = -rx * lnAT;
                double d, w4, lnATx = 0;
                if (x > 0 || modified)
                {
                    lnATx = grouped ? lnAlphaTx[txIndex![i]] : Math.Log(alpha + txs[i]);
                    var a4 = logA4[k] - (rx * lnATx);
                    if (a3 >= a4)
                    {
                        var e = Math.Exp(a4 - a3);
                        d = a3 + LogMath.Log1P(e);
                        w4 = e / (1 + e);
                    }
                    else
                    {
                        var e = Math.Exp(a3 - a4);
                        d = a4 + LogMath.Log1P(e);
                        w4 = 1 / (1 + e);
                    }
                }
                else
                {
                    d = a3;
                    w4 = 0;
                }

                ll += w * (common[k] + d);
                if (withGradient)
                {
                    var w3 = 1 - w4;
                    gr += w * (dr[k] - (w3 * lnAT) - (w4 * lnATx));
                    gAlpha += w * ((r / alpha) - (rx * ((w3 / (alpha + ts[i])) + (w4 / (alpha + txs[i])))));
                    ga += w * (da[k] + (w4 / a));
                    gb += w * (db[k] - (x > 0 || modified ? w4 / (b + x + shift - 1) : 0));
                }
            }

            acc[0] += ll;
            if (acc.Length > 1)
            {
                acc[1] += gr;
                acc[2] += gAlpha;
                acc[3] += ga;
                acc[4] += gb;
            }
        });

        if (gradient is not null)
        {
            gradient[0] = sums[1];
            gradient[1] = sums[2];
            gradient[2] = sums[3];
            gradient[3] = sums[4];
        }

        return sums[0];
    }

    private static double[] LogsOfAlphaPlus(double alpha, double[] values)
    {
        var logs = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            logs[i] = Math.Log(alpha + values[i]);
        }

        return logs;
    }
}

using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Pareto/NBD parameters (Schmittlein, Morrison and Colombo 1987; Fader and Hardie's note
/// "A note on deriving the Pareto/NBD model and related expressions", 2005): purchase rates
/// λ ~ Gamma(r, α), dropout rates μ ~ Gamma(s, β), lifetimes exponential with rate μ.
/// </summary>
public sealed record ParetoNbdParameters : IRepeatPurchaseModel
{
    public ParetoNbdParameters(double r, double alpha, double s, double beta)
    {
        ModelGuards.Positive(r, nameof(r));
        ModelGuards.Positive(alpha, nameof(alpha));
        ModelGuards.Positive(s, nameof(s));
        ModelGuards.Positive(beta, nameof(beta));
        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
    }

    public double R { get; }

    public double Alpha { get; }

    public double S { get; }

    public double Beta { get; }

    public string ModelName => ParetoNbd.Name;

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["s"] = S, ["beta"] = Beta };

    public double LogLikelihood(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        var x = frequency;
        var common = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha)) + (S * Math.Log(Beta));
        return common + ParetoNbd.LogBracket(R, Alpha, S, Beta, x, recency, t);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A0).</summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        return ProbabilityAliveUnchecked(frequency, recency, t);
    }

    internal double ProbabilityAliveUnchecked(double x, double tx, double t)
    {
        var logA0 = ParetoNbd.LogA0(R, Alpha, S, Beta, x, tx, t);
        if (double.IsNegativeInfinity(logA0))
        {
            return 1.0;
        }

        var z = Math.Log(S / (R + S + x)) + ((R + x) * Math.Log(Alpha + t)) + (S * Math.Log(Beta + t)) + logA0;
        return LogMath.InverseOnePlusExp(z);
    }

    /// <summary>E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), continuous at s = 1.</summary>
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

        var l = LogMath.Log1P(horizon / (Beta + t));
        return (R + x) / (Alpha + t) * (Beta + t) * LogMath.OneMinusExpOver(S - 1, l) * ProbabilityAliveUnchecked(x, tx, t);
    }

    /// <summary>E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)] for a customer just acquired.</summary>
    public double ExpectedTransactions(double horizon)
    {
        ModelGuards.Horizon(horizon);
        if (horizon == 0)
        {
            return 0;
        }

        return R / Alpha * Beta * LogMath.OneMinusExpOver(S - 1, LogMath.Log1P(horizon / Beta));
    }
}

/// <summary>Fitting and likelihood of the Pareto/NBD model.</summary>
public static class ParetoNbd
{
    public const string Name = "paretonbd";

    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha", "s", "beta"];

    private static readonly double[][] Starts =
    [
        [1, 1, 1, 1],
        [0.5, 10, 0.5, 10],
        [1, 5, 2, 30],
    ];

    public static ModelFit<ParetoNbdParameters> Fit(FrequencyRecencyData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var threshold = (options ?? FitOptions.Default).ParallelThreshold;
        var problem = new LikelihoodProblem(
            Name,
            [.. ParameterNames],
            Starts,
            (theta, _) => LogLikelihood(theta, data, threshold),
            HasAnalyticGradient: false,
            data.TotalWeight,
            (int)Math.Round(data.TotalWeight),
            data.Count);
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        return new ModelFit<ParetoNbdParameters>(new ParetoNbdParameters(theta[0], theta[1], theta[2], theta[3]), result);
    }

    public static double LogLikelihood(ParetoNbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood([parameters.R, parameters.Alpha, parameters.S, parameters.Beta], data, FitOptions.Default.ParallelThreshold);
    }

    internal static double LogLikelihood(double[] theta, FrequencyRecencyData data, int parallelThreshold)
    {
        double r = theta[0], alpha = theta[1], s = theta[2], beta = theta[3];
        var distinct = data.DistinctX;
        var common = new double[distinct.Length];
        var baseTerm = -SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta));
        for (var k = 0; k < distinct.Length; k++)
        {
            common[k] = baseTerm + SpecialFunctions.GammaLn(r + distinct[k]);
        }

        var xs = data.XArray;
        var txs = data.TxArray;
        var ts = data.TArray;
        var ws = data.WeightArray;
        var index = data.XIndex;
        var sums = PartitionedSum.Run(data.Count, 1, parallelThreshold, (start, end, acc) =>
        {
            var ll = 0.0;
            for (var i = start; i < end; i++)
            {
                ll += ws[i] * (common[index[i]] + LogBracket(r, alpha, s, beta, xs[i], txs[i], ts[i]));
            }

            acc[0] += ll;
        });
        return sums[0];
    }

    /// <summary>
    /// ln[ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A0 ], the part of the log-likelihood that is not
    /// Γ(r+x) α^r β^s / Γ(r).
    /// </summary>
    internal static double LogBracket(double r, double alpha, double s, double beta, double x, double tx, double t)
    {
        var first = (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
        var logA0 = LogA0(r, alpha, s, beta, x, tx, t);
        return LogMath.LogSumExp(first, Math.Log(s / (r + s + x)) + logA0);
    }

    /// <summary>
    /// ln A0 with A0 = F(t_x) − F(T). Following Fader and Hardie, the 2F1 argument is built on
    /// the larger of α and β so that it lies in [0, 1); Euler's transformation
    /// 2F1(A, B; A+1; z) = (1−z)^(1−B) 2F1(1, A+1−B; A+1; z) turns the series into one with
    /// positive terms whose ratio stays below z, and the power of (1−z) joins the other
    /// powers in log space, so no intermediate overflows for any x, α, β.
    /// </summary>
    internal static double LogA0(double r, double alpha, double s, double beta, double x, double tx, double t)
    {
        if (tx >= t)
        {
            return double.NegativeInfinity;
        }

        var upper = LogF(r, alpha, s, beta, x, tx);
        var lower = LogF(r, alpha, s, beta, x, t);
        var diff = lower - upper;
        return diff >= 0 ? double.NegativeInfinity : upper + LogMath.Log1MinusExp(diff);
    }

    /// <summary>ln F(t), F(t) = 2F1(r+s+x, B; r+s+x+1; z(t)) / (max(α,β)+t)^(r+s+x).</summary>
    internal static double LogF(double r, double alpha, double s, double beta, double x, double t)
    {
        var c = r + s + x + 1;
        if (alpha >= beta)
        {
            // B = s + 1, z = (α−β)/(α+t), 1 − z = (β+t)/(α+t).
            var z = (alpha - beta) / (alpha + t);
            return (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t)) + Math.Log(Hypergeometric.Series(1, r + x, c, z));
        }
        else
        {
            // B = r + x, z = (β−α)/(β+t), 1 − z = (α+t)/(β+t).
            var z = (beta - alpha) / (beta + t);
            return ((1 - r - x) * Math.Log(alpha + t)) - ((1 + s) * Math.Log(beta + t)) + Math.Log(Hypergeometric.Series(1, s + 1, c, z));
        }
    }
}

using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// MBG/NBD parameters (Batislam, Denizel and Filiztekin 2007, "Empirical validation and
/// comparison of models for customer base analysis"): as BG/NBD, purchase rates
/// λ ~ Gamma(shape r, rate α) and dropout probabilities p ~ Beta(a, b), but the customer may
/// also drop out right after the first purchase (time 0), so a customer with no repeat
/// purchase is not certainly alive.
/// </summary>
public sealed record MbgNbdParameters : IRepeatPurchaseModel
{
    public MbgNbdParameters(double r, double alpha, double a, double b)
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

    public string ModelName => MbgNbd.Name;

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["a"] = A, ["b"] = B };

    /// <summary>
    /// ln L = ln[Γ(r+x) α^r / Γ(r)] + ln[ B(a, b+x+1)/B(a,b) · (α+T)^−(r+x) + B(a+1, b+x)/B(a,b) · (α+t_x)^−(r+x) ].
    /// </summary>
    public double LogLikelihood(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        var x = frequency;
        var common = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha)) - SpecialFunctions.BetaLn(A, B);
        var alive = SpecialFunctions.BetaLn(A, B + x + 1) - ((R + x) * Math.Log(Alpha + t));
        var dropped = SpecialFunctions.BetaLn(A + 1, B + x) - ((R + x) * Math.Log(Alpha + recency));
        return common + LogMath.LogSumExp(alive, dropped);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)); below 1 also when x = 0.</summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        return ProbabilityAliveUnchecked(frequency, recency, t);
    }

    internal double ProbabilityAliveUnchecked(double x, double tx, double t)
    {
        var z = Math.Log(A) - Math.Log(B + x) + ((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)));
        return LogMath.InverseOnePlusExp(z);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive):
    /// an alive customer's dropout probability has the posterior Beta(a, b+x+1).
    /// </summary>
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
            // (a + b + x)/(a − 1) · [1 − …] has a removable singularity at a = 1.
            var lo = new MbgNbdParameters(R, Alpha, 1 - 1e-6, B).ConditionalExpectedUnchecked(x, tx, t, horizon);
            var hi = new MbgNbdParameters(R, Alpha, 1 + 1e-6, B).ConditionalExpectedUnchecked(x, tx, t, horizon);
            return 0.5 * (lo + hi);
        }

        var z = horizon / (Alpha + t + horizon);
        var (logFactor, series) = Hypergeometric.Hyp2F1Parts(R + x, B + x + 1, A + B + x, z);
        var logTerm = logFactor + ((R + x) * LogMath.Log1P(-z));
        var bracket = series > 0 ? -LogMath.ExpM1(logTerm + Math.Log(series)) : 1 - (Math.Exp(logTerm) * series);
        var value = (A + B + x) / (A - 1) * bracket * ProbabilityAliveUnchecked(x, tx, t);
        return Math.Max(0, value);
    }

    /// <summary>
    /// E[X(t)] for a customer just acquired: the conditional expectation at x = t_x = T = 0,
    /// i.e. b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))].
    /// </summary>
    public double ExpectedTransactions(double horizon)
    {
        ModelGuards.Horizon(horizon);
        return ConditionalExpectedUnchecked(0, 0, 0, horizon);
    }
}

/// <summary>Fitting and likelihood of the MBG/NBD model (shares the BG/NBD likelihood kernel).</summary>
public static class MbgNbd
{
    public const string Name = "mbgnbd";

    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha", "a", "b"];

    private static readonly double[][] Starts =
    [
        [1, 1, 1, 1],
        [0.5, 5, 0.8, 2.5],
        [2, 20, 0.3, 5],
    ];

    public static ModelFit<MbgNbdParameters> Fit(FrequencyRecencyData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var threshold = (options ?? FitOptions.Default).ParallelThreshold;
        var problem = new LikelihoodProblem(
            Name,
            [.. ParameterNames],
            Starts,
            (theta, gradient) => BgNbd.LogLikelihood(theta, data, gradient, threshold, modified: true),
            HasAnalyticGradient: true,
            data.TotalWeight,
            (int)Math.Round(data.TotalWeight),
            data.Count)
        {
            Screening = maxRows =>
            {
                var sample = data.Subsample(maxRows);
                return ((theta, gradient) => BgNbd.LogLikelihood(theta, sample, gradient, threshold, modified: true), sample.TotalWeight);
            },
        };
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        return new ModelFit<MbgNbdParameters>(new MbgNbdParameters(theta[0], theta[1], theta[2], theta[3]), result);
    }

    /// <summary>Total weighted log-likelihood of the data.</summary>
    public static double LogLikelihood(MbgNbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return BgNbd.LogLikelihood([parameters.R, parameters.Alpha, parameters.A, parameters.B], data, null, FitOptions.Default.ParallelThreshold, modified: true);
    }

    /// <summary>Gradient of the total log-likelihood with respect to (r, α, a, b).</summary>
    public static double[] Gradient(MbgNbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        var gradient = new double[4];
        BgNbd.LogLikelihood([parameters.R, parameters.Alpha, parameters.A, parameters.B], data, gradient, FitOptions.Default.ParallelThreshold, modified: true);
        return gradient;
    }
}

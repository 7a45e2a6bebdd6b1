using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// NBD parameters (Ehrenberg 1959; Morrison and Schmittlein 1988): purchases are Poisson with
/// rate λ ~ Gamma(shape r, rate α) and nobody drops out. The simplest heterogeneous model, and
/// the benchmark every dropout model has to beat: P(alive) is 1 for everyone.
/// </summary>
public sealed record NbdParameters : IRepeatPurchaseModel
{
    public NbdParameters(double r, double alpha)
    {
        ModelGuards.Positive(r, nameof(r));
        ModelGuards.Positive(alpha, nameof(alpha));
        R = r;
        Alpha = alpha;
    }

    public double R { get; }

    public double Alpha { get; }

    public string ModelName => Nbd.Name;

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha };

    /// <summary>ln L = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T): the density of the purchase times, as for BG/NBD (t_x does not enter).</summary>
    public double LogLikelihood(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        return SpecialFunctions.GammaLn(R + frequency) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha)) - ((R + frequency) * Math.Log(Alpha + t));
    }

    /// <summary>Always 1: the model has no dropout.</summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        return 1.0;
    }

    /// <summary>E[Y(t) | x, T] = (r+x)/(α+T) · t: the posterior mean rate times the horizon.</summary>
    public double ConditionalExpectedTransactions(double frequency, double recency, double t, double horizon)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        ModelGuards.Horizon(horizon);
        return (R + frequency) / (Alpha + t) * horizon;
    }

    /// <summary>E[X(t)] = r t / α.</summary>
    public double ExpectedTransactions(double horizon)
    {
        ModelGuards.Horizon(horizon);
        return R / Alpha * horizon;
    }
}

/// <summary>Fitting and likelihood of the NBD model.</summary>
public static class Nbd
{
    public const string Name = "nbd";

    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha"];

    private static readonly double[][] Starts =
    [
        [1, 1],
        [0.5, 10],
        [3, 30],
    ];

    public static ModelFit<NbdParameters> Fit(FrequencyRecencyData data, FitOptions? options = null)
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
            data.Count);
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        return new ModelFit<NbdParameters>(new NbdParameters(theta[0], theta[1]), result);
    }

    public static double LogLikelihood(NbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood([parameters.R, parameters.Alpha], data, null, FitOptions.Default.ParallelThreshold);
    }

    /// <summary>Gradient of the total log-likelihood with respect to (r, α).</summary>
    public static double[] Gradient(NbdParameters parameters, FrequencyRecencyData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        var gradient = new double[2];
        LogLikelihood([parameters.R, parameters.Alpha], data, gradient, FitOptions.Default.ParallelThreshold);
        return gradient;
    }

    internal static double LogLikelihood(double[] theta, FrequencyRecencyData data, double[]? gradient, int parallelThreshold)
    {
        double r = theta[0], alpha = theta[1];
        var distinct = data.DistinctX;
        var common = new double[distinct.Length];
        var dr = new double[distinct.Length];
        var lnAlpha = Math.Log(alpha);
        var baseGamma = -SpecialFunctions.GammaLn(r) + (r * lnAlpha);
        var psiR = gradient is null ? 0 : SpecialFunctions.DiGamma(r);
        for (var k = 0; k < distinct.Length; k++)
        {
            common[k] = baseGamma + SpecialFunctions.GammaLn(r + distinct[k]);
            dr[k] = gradient is null ? 0 : SpecialFunctions.DiGamma(r + distinct[k]) - psiR + lnAlpha;
        }

        var xs = data.XArray;
        var ts = data.TArray;
        var ws = data.WeightArray;
        var index = data.XIndex;
        var tIndex = data.TIndex;
        var grouped = data.Grouped;
        var lnAlphaT = new double[grouped ? data.DistinctT!.Length : 0];
        for (var i = 0; i < lnAlphaT.Length; i++)
        {
            lnAlphaT[i] = Math.Log(alpha + data.DistinctT![i]);
        }

        var withGradient = gradient is not null;
        var sums = PartitionedSum.Run(data.Count, withGradient ? 3 : 1, parallelThreshold, (start, end, acc) =>
        {
            double ll = 0, gr = 0, gAlpha = 0;
            for (var i = start; i < end; i++)
            {
                var rx = r + xs[i];
                var lnAT = grouped ? lnAlphaT[tIndex![i]] : Math.Log(alpha + ts[i]);
                var w = ws[i];
                ll += w * (common[index[i]] - (rx * lnAT));
                if (withGradient)
                {
                    gr += w * (dr[index[i]] - lnAT);
                    gAlpha += w * ((r / alpha) - (rx / (alpha + ts[i])));
                }
            }

            acc[0] += ll;
            if (acc.Length > 1)
            {
                acc[1] += gr;
                acc[2] += gAlpha;
            }
        });

        if (gradient is not null)
        {
            gradient[0] = sums[1];
            gradient[1] = sums[2];
        }

        return sums[0];
    }
}

using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Shifted-beta-geometric parameters (Fader and Hardie 2007, "How to project customer
/// retention"): each customer churns at the end of a period with probability θ ~ Beta(α, β).
/// </summary>
public sealed record ShiftedBetaGeometricParameters
{
    public ShiftedBetaGeometricParameters(double alpha, double beta)
    {
        ModelGuards.Positive(alpha, nameof(alpha));
        ModelGuards.Positive(beta, nameof(beta));
        Alpha = alpha;
        Beta = beta;
    }

    public double Alpha { get; }

    public double Beta { get; }

    /// <summary>
    /// Set for the geometric limit (α, β → ∞ with α/(α+β) = θ fixed: every customer churns with
    /// the same probability θ each period), which a fit uses when no heterogeneity in retention
    /// is detectable. Alpha and Beta then hold the sBG with that mean whose larger parameter is
    /// the optimiser's bound, and every formula below uses the exact geometric form.
    /// </summary>
    public double? GeometricChurn { get; private init; }

    /// <summary>The geometric limit with churn probability θ per period (0 &lt; θ &lt; 1).</summary>
    public static ShiftedBetaGeometricParameters GeometricLimit(double churn)
    {
        if (!(churn > 0 && churn < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(churn), churn, "The churn probability must be between 0 and 1.");
        }

        var bound = FitOptions.ParameterUpperBound;
        var (alpha, beta) = churn <= 0.5 ? (bound * churn / (1 - churn), bound) : (bound, bound * (1 - churn) / churn);
        return new ShiftedBetaGeometricParameters(alpha, beta) { GeometricChurn = churn };
    }

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta };

    /// <summary>S(t) = B(α, β+t) / B(α, β): probability of being active after t periods (S(0) = 1); (1−θ)^t in the geometric limit.</summary>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (GeometricChurn is { } theta)
        {
            return Math.Pow(1 - theta, t);
        }

        return Math.Exp(SpecialFunctions.BetaLn(Alpha, Beta + t) - SpecialFunctions.BetaLn(Alpha, Beta));
    }

    /// <summary>P(T = t) = B(α+1, β+t−1) / B(α, β): probability of churning at the end of period t (t ≥ 1); θ(1−θ)^(t−1) in the geometric limit.</summary>
    public double ChurnProbability(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        if (GeometricChurn is { } theta)
        {
            return theta * Math.Pow(1 - theta, t - 1);
        }

        return Math.Exp(SpecialFunctions.BetaLn(Alpha + 1, Beta + t - 1) - SpecialFunctions.BetaLn(Alpha, Beta));
    }

    /// <summary>r(t) = S(t)/S(t−1) = (β + t − 1)/(α + β + t − 1), rising with t (t ≥ 1); 1 − θ in the geometric limit.</summary>
    public double Retention(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        if (GeometricChurn is { } theta)
        {
            return 1 - theta;
        }

        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>Survival curve S(0..periods).</summary>
    public IReadOnlyList<double> SurvivalCurve(int periods) =>
        Enumerable.Range(0, periods + 1).Select(Survival).ToArray();

    /// <summary>Retention curve r(1..periods).</summary>
    public IReadOnlyList<double> RetentionCurve(int periods) =>
        Enumerable.Range(1, periods).Select(Retention).ToArray();

    /// <summary>
    /// Discounted expected residual lifetime (Fader and Hardie 2010) of a customer who has made
    /// <paramref name="renewals"/> renewals and is about to decide on the next:
    /// DERL = (β+n)/(α+β+n) · 2F1(1, β+n+1; α+β+n+1; 1/(1+d)) with n = renewals. It counts the
    /// expected payments from the coming renewal on, each discounted by (1+d) per period.
    /// </summary>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals)
    {
        ValidateDiscount(discountRate);
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        if (GeometricChurn is { } theta)
        {
            // Σ_{k≥0} (1−θ)^(k+1) / (1+d)^k.
            return (1 - theta) * (1 + discountRate) / (discountRate + theta);
        }

        var n = renewals;
        return (Beta + n) / (Alpha + Beta + n) * Hypergeometric.Series(1, Beta + n + 1, Alpha + Beta + n + 1, 1 / (1 + discountRate));
    }

    /// <summary>
    /// The first <paramref name="periods"/> terms of the DERL sum: expected renewals over a finite
    /// horizon, the k-th (k = 0, 1, …) discounted by (1+d)^k.
    /// </summary>
    public double ExpectedDiscountedRenewals(double discountRate, int renewals, int periods)
    {
        ValidateDiscount(discountRate);
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var sum = 0.0;
        var stay = 1.0;
        for (var k = 0; k < periods; k++)
        {
            stay *= Retention(renewals + k + 1);
            sum += stay / Math.Pow(1 + discountRate, k);
        }

        return sum;
    }

    private static void ValidateDiscount(double discountRate)
    {
        if (!(discountRate > 0) || !double.IsFinite(discountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate must be positive and finite.");
        }
    }
}

/// <summary>Fitting of the sBG model on survivors per period.</summary>
public static class ShiftedBetaGeometric
{
    public const string Name = "sbg";

    public static IReadOnlyList<string> ParameterNames { get; } = ["alpha", "beta"];

    private static readonly double[][] Starts =
    [
        [1, 1],
        [0.5, 3],
        [3, 10],
    ];

    public static ModelFit<ShiftedBetaGeometricParameters> Fit(SurvivalTable table, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            return Fit(table.Alive, options);
        }
        catch (ClvInputException e) when (e.Row is { } row)
        {
            throw e.AtLine(table.Source, row + 2);
        }
    }

    /// <summary>Fits on alive[0..n]: alive[0] the cohort size, alive[t] those active at the start of period t.</summary>
    public static ModelFit<ShiftedBetaGeometricParameters> Fit(IReadOnlyList<double> alive, FitOptions? options = null)
    {
        Validate(alive);
        var counts = alive.ToArray();
        var problem = new LikelihoodProblem(
            Name,
            [.. ParameterNames],
            Starts,
            (theta, gradient) => LogLikelihood(theta[0], theta[1], counts, gradient),
            HasAnalyticGradient: true,
            counts[0],
            (int)Math.Round(counts[0]),
            counts.Length - 1);
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        if (result.Degeneracies.Count > 0 && GeometricFallback(counts, result) is { } geometric
            && (theta.Any(v => v >= FitOptions.ParameterUpperBound * (1 - 1e-5)) || 2 * (result.LogLikelihood - geometric.Result.LogLikelihood) < LikelihoodRatioCritical))
        {
            return geometric;
        }

        return new ModelFit<ShiftedBetaGeometricParameters>(new ShiftedBetaGeometricParameters(theta[0], theta[1]), result);
    }

    /// <summary>χ²(1) at 5 %: below it, the sBG's extra parameter does not improve on the geometric model.</summary>
    private const double LikelihoodRatioCritical = 3.841;

    /// <summary>
    /// The fit is degenerate (α or β ran to the bound, no positive-definite Hessian, or SEs above
    /// the estimates) and either a parameter is on the upper bound or the sBG does not beat the
    /// geometric model by a likelihood-ratio test: the cohort shows no heterogeneity in churn,
    /// and the sBG's limit (α, β → ∞ at a fixed ratio) is the geometric model. Its
    /// maximum-likelihood churn is the pooled rate, lost customers over customer-periods at risk.
    /// Null when that rate is 0 or 1.
    /// </summary>
    private static ModelFit<ShiftedBetaGeometricParameters>? GeometricFallback(double[] alive, FitResult result)
    {
        double lost = 0, atRisk = 0;
        for (var t = 1; t < alive.Length; t++)
        {
            lost += alive[t - 1] - alive[t];
            atRisk += alive[t - 1];
        }

        var churn = lost / atRisk;
        if (!(churn > 0 && churn < 1))
        {
            return null;
        }

        var limit = ShiftedBetaGeometricParameters.GeometricLimit(churn);
        var ll = 0.0;
        for (var t = 1; t < alive.Length; t++)
        {
            var l = alive[t - 1] - alive[t];
            ll += l > 0 ? l * (Math.Log(churn) + ((t - 1) * Math.Log(1 - churn))) : 0;
        }

        ll += alive[^1] > 0 ? alive[^1] * (alive.Length - 1) * Math.Log(1 - churn) : 0;
        var warnings = result.Warnings.ToList();
        warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"No heterogeneity in retention detectable: using the pooled retention rate {1 - churn:0.00} (the geometric limit of the sBG)."));
        var report = result with
        {
            Parameters = limit.ToDictionary(),
            StandardErrors = new Dictionary<string, double> { ["alpha"] = double.NaN, ["beta"] = double.NaN },
            LogLikelihood = ll,
            Warnings = warnings,
            Fallback = "geometric",
        };
        return new ModelFit<ShiftedBetaGeometricParameters>(limit, report);
    }

    public static double LogLikelihood(ShiftedBetaGeometricParameters parameters, IReadOnlyList<double> alive)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(alive);
        return LogLikelihood(parameters.Alpha, parameters.Beta, alive.ToArray(), null);
    }

    /// <summary>Gradient of the log-likelihood with respect to (α, β).</summary>
    public static double[] Gradient(ShiftedBetaGeometricParameters parameters, IReadOnlyList<double> alive)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(alive);
        var gradient = new double[2];
        LogLikelihood(parameters.Alpha, parameters.Beta, alive.ToArray(), gradient);
        return gradient;
    }

    /// <summary>LL = Σ_t (n_{t−1} − n_t) ln P(T = t) + n_last ln S(last).</summary>
    internal static double LogLikelihood(double alpha, double beta, double[] alive, double[]? gradient)
    {
        var lnB = SpecialFunctions.BetaLn(alpha, beta);
        var psiA = SpecialFunctions.DiGamma(alpha);
        var psiA1 = SpecialFunctions.DiGamma(alpha + 1);
        var psiB = SpecialFunctions.DiGamma(beta);
        var psiAb = SpecialFunctions.DiGamma(alpha + beta);
        double ll = 0, ga = 0, gb = 0;
        var last = alive.Length - 1;
        for (var t = 1; t <= last; t++)
        {
            var lost = alive[t - 1] - alive[t];
            if (lost > 0)
            {
                ll += lost * (SpecialFunctions.BetaLn(alpha + 1, beta + t - 1) - lnB);
                if (gradient is not null)
                {
                    var psiAbt = SpecialFunctions.DiGamma(alpha + beta + t);
                    ga += lost * (psiA1 - psiAbt - (psiA - psiAb));
                    gb += lost * (SpecialFunctions.DiGamma(beta + t - 1) - psiAbt - (psiB - psiAb));
                }
            }
        }

        if (alive[last] > 0)
        {
            ll += alive[last] * (SpecialFunctions.BetaLn(alpha, beta + last) - lnB);
            if (gradient is not null)
            {
                var psiAbn = SpecialFunctions.DiGamma(alpha + beta + last);
                ga += alive[last] * (psiA - psiAbn - (psiA - psiAb));
                gb += alive[last] * (SpecialFunctions.DiGamma(beta + last) - psiAbn - (psiB - psiAb));
            }
        }

        if (gradient is not null)
        {
            gradient[0] = ga;
            gradient[1] = gb;
        }

        return ll;
    }

    private static void Validate(IReadOnlyList<double> alive)
    {
        ArgumentNullException.ThrowIfNull(alive);
        if (alive.Count < 2)
        {
            throw new ClvInputException("at least two periods (0 and 1) are needed", "input", null, null, "alive");
        }

        for (var t = 0; t < alive.Count; t++)
        {
            if (!double.IsFinite(alive[t]) || alive[t] < 0)
            {
                throw new ClvInputException("the number alive must be a finite non-negative number", "input", null, t, "alive");
            }

            if (t == 0 && alive[t] <= 0)
            {
                throw new ClvInputException("the cohort size (period 0) must be positive", "input", null, t, "alive");
            }

            if (t > 0 && alive[t] > alive[t - 1])
            {
                throw new ClvInputException("survivors cannot increase from one period to the next", "input", null, t, "alive");
            }
        }
    }
}

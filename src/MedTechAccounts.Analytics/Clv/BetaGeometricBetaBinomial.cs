using System.Globalization;
using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// BG/BB parameters (Fader, Hardie and Shang 2010, "Customer-base analysis in a
/// discrete-time noncontractual setting"): at each of n discrete transaction opportunities
/// (a yearly budget round, an annual event) a living customer first becomes inactive with
/// probability θ ~ Beta(γ, δ) and, if still alive, transacts with probability p ~ Beta(α, β).
/// A history is (x, t_x, n): x transactions, the last at opportunity t_x, out of n.
/// </summary>
public sealed record BgBbParameters
{
    public BgBbParameters(double alpha, double beta, double gamma, double delta)
    {
        ModelGuards.Positive(alpha, nameof(alpha));
        ModelGuards.Positive(beta, nameof(beta));
        ModelGuards.Positive(gamma, nameof(gamma));
        ModelGuards.Positive(delta, nameof(delta));
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
    }

    public double Alpha { get; }

    public double Beta { get; }

    public double Gamma { get; }

    public double Delta { get; }

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta, ["gamma"] = Gamma, ["delta"] = Delta };

    /// <summary>
    /// ln L(α, β, γ, δ | x, t_x, n) = ln[ B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
    /// + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ) ] (equation 5 of the paper).
    /// </summary>
    public double LogLikelihood(int frequency, int recency, int periods)
    {
        BgBbData.ThrowIfInvalid(frequency, recency, periods, 1, 0, "input");
        return BgBb.RowLogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, periods, null);
    }

    /// <summary>P(alive at opportunity n + 1 | x, t_x, n) (equation 11 of the paper).</summary>
    public double ProbabilityAlive(int frequency, int recency, int periods)
    {
        BgBbData.ThrowIfInvalid(frequency, recency, periods, 1, 0, "input");
        var ll = BgBb.RowLogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, periods, null);
        var alive = SpecialFunctions.BetaLn(Alpha + frequency, Beta + periods - frequency) - SpecialFunctions.BetaLn(Alpha, Beta)
            + SpecialFunctions.BetaLn(Gamma, Delta + periods + 1) - SpecialFunctions.BetaLn(Gamma, Delta);
        return Math.Min(1, Math.Exp(alive - ll));
    }

    /// <summary>
    /// E[X(n, n + n*) | x, t_x, n]: expected transactions in the next <paramref name="futurePeriods"/>
    /// opportunities, = 1/L · B(α+x+1, β+n−x)/B(α,β) · Σ_{s=1}^{n*} B(γ, δ+n+s)/B(γ,δ). This
    /// finite sum equals the paper's equation 13 and has no singularity at γ = 1.
    /// </summary>
    public double ConditionalExpectedTransactions(int frequency, int recency, int periods, int futurePeriods)
    {
        BgBbData.ThrowIfInvalid(frequency, recency, periods, 1, 0, "input");
        ArgumentOutOfRangeException.ThrowIfNegative(futurePeriods);
        var ll = BgBb.RowLogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, periods, null);
        var logP = SpecialFunctions.BetaLn(Alpha + frequency + 1, Beta + periods - frequency) - SpecialFunctions.BetaLn(Alpha, Beta) - ll;
        return Math.Exp(logP) * SurvivalSum(periods, futurePeriods);
    }

    /// <summary>E[X(n)] = α/(α+β) · Σ_{s=1}^{n} B(γ, δ+s)/B(γ,δ): expected transactions of a new customer in the first n opportunities.</summary>
    public double ExpectedTransactions(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        return Alpha / (Alpha + Beta) * SurvivalSum(0, periods);
    }

    /// <summary>Σ_{s=1}^{count} B(γ, δ+from+s)/B(γ,δ), by the ratio B(γ, d+1)/B(γ, d) = d/(γ+d).</summary>
    private double SurvivalSum(int from, int count)
    {
        var survival = Math.Exp(SpecialFunctions.BetaLn(Gamma, Delta + from) - SpecialFunctions.BetaLn(Gamma, Delta));
        var sum = 0.0;
        for (var s = 1; s <= count; s++)
        {
            var d = Delta + from + s - 1;
            survival *= d / (Gamma + d);
            sum += survival;
        }

        return sum;
    }
}

/// <summary>Discrete-time histories (x, t_x, n) with a weight each (the number of customers sharing it); equal histories are grouped.</summary>
public sealed class BgBbData
{
    private BgBbData(int[] x, int[] tx, int[] n, double[] weight)
    {
        X = x;
        Tx = tx;
        N = n;
        Weight = weight;
        TotalWeight = weight.Sum();
    }

    public IReadOnlyList<int> X { get; }

    public IReadOnlyList<int> Tx { get; }

    public IReadOnlyList<int> N { get; }

    public IReadOnlyList<double> Weight { get; }

    public int Count => Weight.Count;

    public double TotalWeight { get; }

    internal int[] XArray => (int[])X;

    internal int[] TxArray => (int[])Tx;

    internal int[] NArray => (int[])N;

    internal double[] WeightArray => (double[])Weight;

    /// <summary>Validates every row (0 ≤ x ≤ t_x ≤ n, t_x = 0 exactly when x = 0, n ≥ 1, weight finite and non-negative) and groups equal histories.</summary>
    public static BgBbData FromArrays(IReadOnlyList<int> x, IReadOnlyList<int> tx, IReadOnlyList<int> n, IReadOnlyList<double>? weights = null, string source = "input")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(n);
        if (x.Count != tx.Count || x.Count != n.Count || (weights is not null && weights.Count != x.Count))
        {
            throw new ArgumentException("x, t_x, n (and weights) must have the same length.", nameof(x));
        }

        if (x.Count == 0)
        {
            throw new ClvInputException("there are no customers", source, null, null, null);
        }

        var w = new double[x.Count];
        for (var i = 0; i < x.Count; i++)
        {
            w[i] = weights?[i] ?? 1.0;
            ThrowIfInvalid(x[i], tx[i], n[i], w[i], i, source);
        }

        if (w.Sum() <= 0)
        {
            throw new ClvInputException("the weights sum to 0", source, null, null, "weights");
        }

        // Group equal histories: n opportunities allow only (n+1)(n+2)/2 of them, so a cohort of any size costs a few dozen rows.
        var index = new Dictionary<(int, int, int), int>();
        var gx = new List<int>();
        var gtx = new List<int>();
        var gn = new List<int>();
        var gw = new List<double>();
        for (var i = 0; i < x.Count; i++)
        {
            if (index.TryGetValue((x[i], tx[i], n[i]), out var slot))
            {
                gw[slot] += w[i];
            }
            else
            {
                index.Add((x[i], tx[i], n[i]), gx.Count);
                gx.Add(x[i]);
                gtx.Add(tx[i]);
                gn.Add(n[i]);
                gw.Add(w[i]);
            }
        }

        return new BgBbData([.. gx], [.. gtx], [.. gn], [.. gw]);
    }

    internal static void ThrowIfInvalid(int x, int tx, int n, double weight, int row, string source)
    {
        string? column = null, reason = null;
        if (n < 1)
        {
            (column, reason) = ("periods", Invariant($"periods {n} is not at least 1"));
        }
        else if (x < 0)
        {
            (column, reason) = ("frequency", Invariant($"frequency {x} is negative"));
        }
        else if (tx < 0 || tx > n)
        {
            (column, reason) = ("recency", Invariant($"recency {tx} is not between 0 and periods {n}"));
        }
        else if (x > tx)
        {
            (column, reason) = ("frequency", Invariant($"frequency {x} is greater than recency {tx} (at most one transaction per opportunity)"));
        }
        else if (x == 0 && tx != 0)
        {
            (column, reason) = ("recency", Invariant($"recency {tx} is not 0 although frequency is 0"));
        }
        else if (!double.IsFinite(weight) || weight < 0)
        {
            (column, reason) = ("weights", "the weight must be a finite non-negative number");
        }

        if (reason is not null)
        {
            throw new ClvInputException(reason, source, null, row, column);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Fitting and likelihood of the BG/BB model.</summary>
public static class BgBb
{
    public const string Name = "bgbb";

    public static IReadOnlyList<string> ParameterNames { get; } = ["alpha", "beta", "gamma", "delta"];

    private static readonly double[][] Starts =
    [
        [1, 1, 1, 1],
        [0.5, 0.5, 0.5, 2],
        [2, 5, 0.3, 5],
    ];

    public static ModelFit<BgBbParameters> Fit(BgBbData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var problem = new LikelihoodProblem(
            Name,
            [.. ParameterNames],
            Starts,
            (theta, gradient) => LogLikelihood(theta, data, gradient),
            HasAnalyticGradient: true,
            data.TotalWeight,
            (int)Math.Round(data.TotalWeight),
            data.Count);
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        return new ModelFit<BgBbParameters>(new BgBbParameters(theta[0], theta[1], theta[2], theta[3]), result);
    }

    public static double LogLikelihood(BgBbParameters parameters, BgBbData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood([parameters.Alpha, parameters.Beta, parameters.Gamma, parameters.Delta], data, null);
    }

    /// <summary>Gradient of the total log-likelihood with respect to (α, β, γ, δ).</summary>
    public static double[] Gradient(BgBbParameters parameters, BgBbData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        var gradient = new double[4];
        LogLikelihood([parameters.Alpha, parameters.Beta, parameters.Gamma, parameters.Delta], data, gradient);
        return gradient;
    }

    internal static double LogLikelihood(double[] theta, BgBbData data, double[]? gradient)
    {
        double alpha = theta[0], beta = theta[1], gamma = theta[2], delta = theta[3];
        var row = gradient is null ? null : new double[4];
        var total = 0.0;
        if (gradient is not null)
        {
            Array.Clear(gradient);
        }

        for (var i = 0; i < data.Count; i++)
        {
            var w = data.WeightArray[i];
            if (w == 0)
            {
                continue;
            }

            total += w * RowLogLikelihood(alpha, beta, gamma, delta, data.XArray[i], data.TxArray[i], data.NArray[i], row);
            if (gradient is not null)
            {
                for (var j = 0; j < 4; j++)
                {
                    gradient[j] += w * row![j];
                }
            }
        }

        return total;
    }

    /// <summary>One history's log-likelihood; writes its gradient in (α, β, γ, δ) when <paramref name="gradient"/> is not null.</summary>
    internal static double RowLogLikelihood(double alpha, double beta, double gamma, double delta, int x, int tx, int n, double[]? gradient)
    {
        var lnBab = SpecialFunctions.BetaLn(alpha, beta);
        var lnBgd = SpecialFunctions.BetaLn(gamma, delta);
        var terms = n - tx + 1;
        Span<double> logs = stackalloc double[terms];
        // Term 0: alive through n; terms 1..: inactive from opportunity t_x + i + 1, i = 0 … n − t_x − 1.
        logs[0] = SpecialFunctions.BetaLn(alpha + x, beta + n - x) - lnBab + SpecialFunctions.BetaLn(gamma, delta + n) - lnBgd;
        for (var i = 0; i < terms - 1; i++)
        {
            logs[i + 1] = SpecialFunctions.BetaLn(alpha + x, beta + tx - x + i) - lnBab + SpecialFunctions.BetaLn(gamma + 1, delta + tx + i) - lnBgd;
        }

        var max = double.NegativeInfinity;
        foreach (var v in logs)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        foreach (var v in logs)
        {
            sum += Math.Exp(v - max);
        }

        var ll = max + Math.Log(sum);
        if (gradient is null)
        {
            return ll;
        }

        var psiA = SpecialFunctions.DiGamma(alpha);
        var psiB = SpecialFunctions.DiGamma(beta);
        var psiAb = SpecialFunctions.DiGamma(alpha + beta);
        var psiG = SpecialFunctions.DiGamma(gamma);
        var psiD = SpecialFunctions.DiGamma(delta);
        var psiGd = SpecialFunctions.DiGamma(gamma + delta);
        var psiAx = SpecialFunctions.DiGamma(alpha + x);
        Array.Clear(gradient);
        for (var k = 0; k < terms; k++)
        {
            var weight = Math.Exp(logs[k] - ll);
            // d/dα ln B(α+u, β+v) = ψ(α+u) − ψ(α+β+u+v); the same for (γ, δ).
            double v, g, d;
            if (k == 0)
            {
                (v, g, d) = (n - x, 0, n);
            }
            else
            {
                (v, g, d) = (tx - x + k - 1, 1, tx + k - 1);
            }

            var psiAll = SpecialFunctions.DiGamma(alpha + beta + x + v);
            var psiGdAll = SpecialFunctions.DiGamma(gamma + delta + g + d);
            gradient[0] += weight * (psiAx - psiAll - psiA + psiAb);
            gradient[1] += weight * (SpecialFunctions.DiGamma(beta + v) - psiAll - psiB + psiAb);
            gradient[2] += weight * (SpecialFunctions.DiGamma(gamma + g) - psiGdAll - psiG + psiGd);
            gradient[3] += weight * (SpecialFunctions.DiGamma(delta + d) - psiGdAll - psiD + psiGd);
        }

        return ll;
    }
}

using System.Globalization;
using MathNet.Numerics;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// MBG/CNBD-k parameters (Reutterer, Platzer and Schröder 2021, "Leveraging purchase
/// regularity for predicting customer behavior the easy way"): the times between purchases
/// are Erlang-k with rate λ (every k-th event of a Poisson process of rate λ is a purchase, so
/// the mean interval is k/λ and larger k means more regular reorders), λ ~ Gamma(shape r,
/// rate α); after every purchase, the first included, the customer drops out with probability
/// p ~ Beta(a, b). With k = 1 this is the MBG/NBD.
/// </summary>
public sealed record MbgCnbdParameters : IRepeatPurchaseModel
{
    /// <summary>Largest k accepted (the sums over j &lt; k stay exact and cheap).</summary>
    public const int MaxK = 50;

    public MbgCnbdParameters(int k, double r, double alpha, double a, double b)
    {
        if (k < 1 || k > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be an integer from 1 to {MaxK}.");
        }

        ModelGuards.Positive(r, nameof(r));
        ModelGuards.Positive(alpha, nameof(alpha));
        ModelGuards.Positive(a, nameof(a));
        ModelGuards.Positive(b, nameof(b));
        K = k;
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
    }

    public int K { get; }

    public double R { get; }

    public double Alpha { get; }

    public double A { get; }

    public double B { get; }

    public string ModelName => MbgCnbd.Name;

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        new Dictionary<string, double> { ["k"] = K, ["r"] = R, ["alpha"] = Alpha, ["a"] = A, ["b"] = B };

    /// <summary>ln L of one customer; <paramref name="sumLogIntervals"/> is Σ ln(t_j − t_{j−1}) over the x repeat purchases (0 when x = 0).</summary>
    public double LogLikelihood(double frequency, double recency, double t, double sumLogIntervals)
    {
        MbgCnbdData.ThrowIfInvalid(frequency, recency, t, sumLogIntervals, 1, 0, "input");
        var data = MbgCnbdData.FromArrays([frequency], [recency], [t], [sumLogIntervals]);
        return MbgCnbd.LogLikelihood(this, data);
    }

    /// <summary>
    /// P(alive | x, t_x, T): the share of the likelihood from "still alive at T", whose Erlang
    /// survival Σ_{j&lt;k} (λ(T−t_x))^j / j! · e^{−λ(T−t_x)} makes a long gap after a regular rhythm
    /// much stronger evidence of dropout than under the NBD. The intervals' log sum cancels.
    /// </summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        return ProbabilityAliveUnchecked(frequency, recency, t);
    }

    internal double ProbabilityAliveUnchecked(double x, double tx, double t)
    {
        var rk = R + (K * x);
        var alive = SpecialFunctions.BetaLn(A, B + x + 1) - (rk * Math.Log(Alpha + t)) + Math.Log(ErlangSum(rk, t - tx, Alpha + t));
        var dropped = SpecialFunctions.BetaLn(A + 1, B + x) - (rk * Math.Log(Alpha + tx));
        return LogMath.InverseOnePlusExp(dropped - alive);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T], exact: given alive, the phase m &lt; k of the current interval has
    /// weight ∝ Γ(r+kx+m) (T−t_x)^m / (m! (α+T)^m), λ | m ~ Gamma(r+kx+m, α+T), and p ~ Beta(a, b+x+1);
    /// the n-th future purchase is the (nk − m)-th Poisson event, so
    /// E = P(alive) Σ_m π_m Σ_{n≥1} E[(1−p)^{n−1}] · I_{t/(α+T+t)}(nk − m, r+kx+m).
    /// With k = 1 it equals the MBG/NBD closed form.
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

        var rk = R + (K * x);
        Span<double> phase = stackalloc double[K];
        var total = ErlangTerms(rk, t - tx, Alpha + t, phase);
        var z = horizon / (Alpha + t + horizon);
        var expected = 0.0;
        for (var m = 0; m < K; m++)
        {
            var weight = phase[m] / total;
            if (weight < 1e-300)
            {
                continue;
            }

            var sum = 0.0;
            var stay = 1.0;
            var tails = new BetaTailsByFirstArgument(K - m, rk + m, z);
            for (var n = 1; n <= 10_000_000; n++)
            {
                var tail = tails.Current;
                sum += stay * tail;
                if (tail < 1e-15 || stay < 1e-300)
                {
                    break;
                }

                stay *= (B + x + n) / (A + B + x + n);
                tails.Advance(K);
            }

            expected += weight * sum;
        }

        return expected * ProbabilityAliveUnchecked(x, tx, t);
    }

    /// <summary>E[X(t)] for a customer just acquired: the conditional expectation at x = t_x = T = 0.</summary>
    public double ExpectedTransactions(double horizon)
    {
        ModelGuards.Horizon(horizon);
        return ConditionalExpectedUnchecked(0, 0, 0, horizon);
    }

    private double ErlangSum(double rk, double gap, double alphaT)
    {
        Span<double> phase = stackalloc double[K];
        return ErlangTerms(rk, gap, alphaT, phase);
    }

    /// <summary>u_j = Γ(rk+j)/Γ(rk) · gap^j / (j! alphaT^j), j &lt; k; returns their sum.</summary>
    private double ErlangTerms(double rk, double gap, double alphaT, Span<double> terms)
    {
        var u = 1.0;
        var sum = 1.0;
        terms[0] = 1;
        for (var j = 1; j < K; j++)
        {
            u *= (rk + j - 1) * gap / (j * alphaT);
            terms[j] = u;
            sum += u;
        }

        return sum;
    }
}

/// <summary>
/// Histories (x, t_x, T, Σ ln intervals) with a weight each, the input of the MBG/CNBD-k. The
/// sum of the logs of the x intervals between successive purchase days is what the Erlang
/// density adds to the likelihood; <see cref="TransactionSummary"/> computes it.
/// </summary>
public sealed class MbgCnbdData
{
    private MbgCnbdData(double[] x, double[] tx, double[] t, double[] litt, double[] weight)
    {
        X = x;
        Tx = tx;
        T = t;
        SumLogIntervals = litt;
        Weight = weight;
        TotalWeight = weight.Sum();
        var distinct = new Dictionary<double, int>();
        XIndex = new int[x.Length];
        var values = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            if (!distinct.TryGetValue(x[i], out var k))
            {
                k = values.Count;
                distinct.Add(x[i], k);
                values.Add(x[i]);
            }

            XIndex[i] = k;
        }

        DistinctX = [.. values];
    }

    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double> Tx { get; }

    public IReadOnlyList<double> T { get; }

    public IReadOnlyList<double> SumLogIntervals { get; }

    public IReadOnlyList<double> Weight { get; }

    public int Count => Weight.Count;

    public double TotalWeight { get; }

    internal double[] DistinctX { get; }

    internal int[] XIndex { get; }

    /// <summary>The same histories without the intervals (for the models that do not use them).</summary>
    public FrequencyRecencyData ToFrequencyRecency() =>
        FrequencyRecencyData.FromArrays((double[])X, (double[])Tx, (double[])T, (double[])Weight);

    public static MbgCnbdData FromSummaries(IReadOnlyList<CustomerSummary> rows, string source = "input")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var litt = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            litt[i] = rows[i].SumLogIntervals
                ?? throw new ClvInputException("the sum of log inter-purchase times is missing (MBG/CNBD-k needs it)", source, null, i, SummaryValidation.IntervalColumn);
        }

        return FromArrays(rows.Select(r => r.Frequency).ToArray(), rows.Select(r => r.Recency).ToArray(), rows.Select(r => r.T).ToArray(), litt, source: source);
    }

    public static MbgCnbdData FromTable(SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            return FromSummaries(table.Rows, table.Source);
        }
        catch (ClvInputException e) when (e.Row is { } row && row < table.Lines.Count)
        {
            throw e.AtLine(table.Source, table.Lines[row]);
        }
    }

    public static MbgCnbdData FromArrays(double[] x, double[] tx, double[] t, double[] sumLogIntervals, double[]? weights = null, string source = "input")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(sumLogIntervals);
        if (x.Length != tx.Length || x.Length != t.Length || x.Length != sumLogIntervals.Length || (weights is not null && weights.Length != x.Length))
        {
            throw new ArgumentException("x, t_x, T, the interval sums (and weights) must have the same length.", nameof(x));
        }

        if (x.Length == 0)
        {
            throw new ClvInputException("there are no customers", source, null, null, null);
        }

        var w = weights is null ? Enumerable.Repeat(1.0, x.Length).ToArray() : [.. weights];
        for (var i = 0; i < x.Length; i++)
        {
            ThrowIfInvalid(x[i], tx[i], t[i], sumLogIntervals[i], w[i], i, source);
        }

        return new MbgCnbdData([.. x], [.. tx], [.. t], [.. sumLogIntervals], w);
    }

    internal static void ThrowIfInvalid(double x, double tx, double t, double litt, double weight, int row, string source)
    {
        SummaryValidation.ThrowIfInvalid(x, tx, t, null, row, source);
        if (x != Math.Floor(x))
        {
            throw new ClvInputException(Invariant($"frequency {x} is not a whole number"), source, null, row, SummaryValidation.FrequencyColumn);
        }

        if (!double.IsFinite(litt))
        {
            throw new ClvInputException("the sum of log inter-purchase times is not a finite number", source, null, row, SummaryValidation.IntervalColumn);
        }

        if (x == 0 && litt != 0)
        {
            throw new ClvInputException("the sum of log inter-purchase times is not 0 although frequency is 0", source, null, row, SummaryValidation.IntervalColumn);
        }

        // x intervals summing to t_x: their log sum is at most x ln(t_x / x) (AM-GM), with slack for rounded inputs.
        if (x > 0 && litt > (x * Math.Log(tx / x)) + (0.01 * x) + 1e-6)
        {
            throw new ClvInputException(Invariant($"the sum of log inter-purchase times {litt} is larger than x·ln(recency/x) allows"), source, null, row, SummaryValidation.IntervalColumn);
        }

        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ClvInputException("the weight must be a finite non-negative number", source, null, row, "weight");
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A MBG/CNBD-k fit: the chosen k, and the log-likelihood of every k tried.</summary>
public sealed record MbgCnbdFit(MbgCnbdParameters Parameters, FitResult Result, IReadOnlyDictionary<int, double> LogLikelihoodByK);

/// <summary>Fitting and likelihood of the MBG/CNBD-k model.</summary>
public static class MbgCnbd
{
    public const string Name = "mbgcnbd";

    public static IReadOnlyList<string> ParameterNames { get; } = ["k", "r", "alpha", "a", "b"];

    private static readonly string[] ContinuousNames = ["r", "alpha", "a", "b"];

    private static readonly double[][] Starts =
    [
        [1, 1, 1, 1],
        [0.5, 5, 0.8, 2.5],
        [2, 20, 0.3, 5],
    ];

    /// <summary>
    /// Fits (r, α, a, b) for k = 1, 2, … up to <paramref name="maxK"/> and keeps the k of the
    /// highest likelihood (k is an integer, so it has no standard error). The search stops once
    /// the likelihood has fallen for two k in a row. Each fit starts from the previous k's optimum
    /// with α scaled by k/(k−1), which keeps the mean interval.
    /// </summary>
    public static MbgCnbdFit Fit(MbgCnbdData data, FitOptions? options = null, int maxK = 12)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (maxK < 1 || maxK > MbgCnbdParameters.MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(maxK), maxK, $"maxK must be from 1 to {MbgCnbdParameters.MaxK}.");
        }

        var byK = new SortedDictionary<int, double>();
        MbgCnbdFit? best = null;
        double[]? previous = null;
        var falls = 0;
        for (var k = 1; k <= maxK; k++)
        {
            var kOptions = options ?? FitOptions.Default;
            if (previous is not null && options?.StartingPoints is null)
            {
                double[] warm = [previous[0], previous[1] * k / (k - 1), previous[2], previous[3]];
                kOptions = kOptions with { StartingPoints = [warm, .. Starts] };
            }

            var fit = FitFixedK(data, k, kOptions);
            byK[k] = fit.Result.LogLikelihood;
            previous = [fit.Parameters.R, fit.Parameters.Alpha, fit.Parameters.A, fit.Parameters.B];
            if (best is null || (fit.Result.Converged && fit.Result.LogLikelihood > best.Result.LogLikelihood) || !best.Result.Converged)
            {
                falls = 0;
                best = fit;
            }
            else if (++falls >= 2)
            {
                break;
            }
        }

        var warnings = best!.Result.Warnings.ToList();
        if (best.Parameters.K == maxK && maxK > 1)
        {
            warnings.Add($"k = {maxK} is the largest k tried and fits best; a larger k may fit better.");
        }

        return best with { Result = best.Result with { Warnings = warnings, LogLikelihoodByK = byK }, LogLikelihoodByK = byK };
    }

    /// <summary>Fits (r, α, a, b) with k fixed; the report carries k with no standard error.</summary>
    public static MbgCnbdFit FitFixedK(MbgCnbdData data, int k, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        _ = new MbgCnbdParameters(k, 1, 1, 1, 1);
        var threshold = (options ?? FitOptions.Default).ParallelThreshold;
        var problem = new LikelihoodProblem(
            Name,
            [.. ContinuousNames],
            Starts,
            (theta, gradient) => LogLikelihood(k, theta, data, gradient, threshold),
            HasAnalyticGradient: true,
            data.TotalWeight,
            (int)Math.Round(data.TotalWeight),
            data.Count);
        var (theta, result) = MaximumLikelihood.Fit(problem, options);
        var parameters = new Dictionary<string, double> { ["k"] = k };
        var errors = new Dictionary<string, double> { ["k"] = double.NaN };
        foreach (var name in ContinuousNames)
        {
            parameters[name] = result.Parameters[name];
            errors[name] = result.StandardErrors[name];
        }

        var report = result with { Parameters = parameters, StandardErrors = errors };
        var fitted = new MbgCnbdParameters(k, theta[0], theta[1], theta[2], theta[3]);
        return new MbgCnbdFit(fitted, report, new Dictionary<int, double> { [k] = result.LogLikelihood });
    }

    public static double LogLikelihood(MbgCnbdParameters parameters, MbgCnbdData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(parameters.K, [parameters.R, parameters.Alpha, parameters.A, parameters.B], data, null, FitOptions.Default.ParallelThreshold);
    }

    /// <summary>Gradient of the total log-likelihood with respect to (r, α, a, b) at the parameters' k.</summary>
    public static double[] Gradient(MbgCnbdParameters parameters, MbgCnbdData data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        var gradient = new double[4];
        LogLikelihood(parameters.K, [parameters.R, parameters.Alpha, parameters.A, parameters.B], data, gradient, FitOptions.Default.ParallelThreshold);
        return gradient;
    }

    /// <summary>
    /// ln L = (k−1) Σ ln Δ − x ln Γ(k) + ln Γ(r+kx) − ln Γ(r) + r ln α − ln B(a,b)
    /// + ln[ B(a, b+x+1) (α+T)^−(r+kx) Σ_{j&lt;k} Γ(r+kx+j)/Γ(r+kx) (T−t_x)^j / (j! (α+T)^j) + B(a+1, b+x) (α+t_x)^−(r+kx) ].
    /// </summary>
    internal static double LogLikelihood(int k, double[] theta, MbgCnbdData data, double[]? gradient, int parallelThreshold)
    {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        var distinct = data.DistinctX;
        var common = new double[distinct.Length];
        var dr = new double[distinct.Length];
        var da = new double[distinct.Length];
        var db = new double[distinct.Length];
        var betaDiff = new double[distinct.Length];
        var lnAlpha = Math.Log(alpha);
        var lnGammaK = SpecialFunctions.GammaLn(k);
        var baseTerm = (r * lnAlpha) - SpecialFunctions.GammaLn(r) + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b);
        var withGradient = gradient is not null;
        var psiR = withGradient ? SpecialFunctions.DiGamma(r) : 0;
        var psiAb = withGradient ? SpecialFunctions.DiGamma(a + b) : 0;
        var psiB = withGradient ? SpecialFunctions.DiGamma(b) : 0;
        for (var i = 0; i < distinct.Length; i++)
        {
            var x = distinct[i];
            // B(a, b+x+1)/B(a, b) folded into the common part; the dropout term is a/(b+x) times it.
            common[i] = baseTerm - (x * lnGammaK) + SpecialFunctions.GammaLn(r + (k * x)) + SpecialFunctions.GammaLn(b + x + 1) - SpecialFunctions.GammaLn(a + b + x + 1);
            betaDiff[i] = Math.Log(a) - Math.Log(b + x);
            if (withGradient)
            {
                var psiAbx = SpecialFunctions.DiGamma(a + b + x + 1);
                dr[i] = SpecialFunctions.DiGamma(r + (k * x)) - psiR + lnAlpha;
                da[i] = psiAb - psiAbx;
                db[i] = psiAb + SpecialFunctions.DiGamma(b + x + 1) - psiB - psiAbx;
            }
        }

        var xs = (double[])data.X;
        var txs = (double[])data.Tx;
        var ts = (double[])data.T;
        var litts = (double[])data.SumLogIntervals;
        var ws = (double[])data.Weight;
        var index = data.XIndex;
        var sums = PartitionedSum.Run(data.Count, withGradient ? 5 : 1, parallelThreshold, (start, end, acc) =>
        {
            double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
            for (var i = start; i < end; i++)
            {
                var w = ws[i];
                if (w == 0)
                {
                    continue;
                }

                var c = index[i];
                var x = xs[i];
                var rk = r + (k * x);
                var alphaT = alpha + ts[i];
                var gap = ts[i] - txs[i];
                // S = Σ_{j<k} u_j with u_j = u_{j−1} (rk+j−1) gap / (j (α+T)); dS/dr and dS/dα alongside.
                double u = 1, s = 1, sR = 0, sAlpha = 0, h = 0;
                for (var j = 1; j < k; j++)
                {
                    u *= (rk + j - 1) * gap / (j * alphaT);
                    h += 1 / (rk + j - 1);
                    s += u;
                    sR += u * h;
                    sAlpha += u * j;
                }

                var lnAT = Math.Log(alphaT);
                var lnATx = Math.Log(alpha + txs[i]);
                var a3 = (-rk * lnAT) + Math.Log(s);
                var a4 = betaDiff[c] - (rk * lnATx);
                double d, w4;
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

                ll += w * (common[c] + ((k - 1) * litts[i]) + d);
                if (withGradient)
                {
                    var w3 = 1 - w4;
                    gr += w * (dr[c] + (w3 * (-lnAT + (sR / s))) - (w4 * lnATx));
                    gAlpha += w * ((r / alpha) + (w3 * ((-rk / alphaT) - (sAlpha / (s * alphaT)))) - (w4 * rk / (alpha + txs[i])));
                    ga += w * (da[c] + (w4 / a));
                    gb += w * (db[c] - (w4 / (b + x)));
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
}

/// <summary>
/// I_z(a, b), I_z(a+1, b), … without evaluating each from scratch: I_z(a+1, b) = I_z(a, b) − z^a (1−z)^b / (a B(a, b)),
/// and that subtracted term changes by z (a+b)/(a+1) from one a to the next. The recurrence loses absolute precision
/// slowly, so once the tail is small it is evaluated exactly again (and from then on after every step).
/// </summary>
internal struct BetaTailsByFirstArgument
{
    private const double Exactly = 1e-9;
    private readonly double b;
    private readonly double z;
    private double a;
    private double term;

    public BetaTailsByFirstArgument(double a, double b, double z)
    {
        this.a = a;
        this.b = b;
        this.z = z;
        Current = SpecialFunctions.BetaRegularized(a, b, z);
        term = Math.Exp((a * Math.Log(z)) + (b * Math.Log(1 - z)) - Math.Log(a) - SpecialFunctions.BetaLn(a, b));
    }

    public double Current { get; private set; }

    /// <summary>Moves the first argument on by <paramref name="steps"/>.</summary>
    public void Advance(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            Current -= term;
            term *= z * (a + b) / (a + 1);
            a += 1;
        }

        if (Current < Exactly || !double.IsFinite(term))
        {
            Current = SpecialFunctions.BetaRegularized(a, b, z);
            term = Math.Exp((a * Math.Log(z)) + (b * Math.Log(1 - z)) - Math.Log(a) - SpecialFunctions.BetaLn(a, b));
        }
    }
}


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
public sealed record MbgCnbdParameters : IRepeatPurchaseModel, IRepeatPurchasePath
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
        Span<double> result = stackalloc double[1];
        ConditionalExpectedPathUnchecked(x, tx, t, [horizon], result);
        return result[0];
    }

    /// <summary>
    /// E[Y(h) | x, t_x, T] for every horizon h of <paramref name="horizons"/> (what one call per horizon gives, to
    /// rounding): P(alive), the phase weights and the dropout sums are computed once, and each phase's series once at
    /// the largest horizon, which is what a CLV summed over 260 weekly steps needs.
    /// </summary>
    public void ConditionalExpectedTransactions(double frequency, double recency, double t, ReadOnlySpan<double> horizons, Span<double> expected)
    {
        SummaryValidation.ThrowIfInvalid(frequency, recency, t, null, 0);
        if (expected.Length < horizons.Length)
        {
            throw new ArgumentException("The output is shorter than the horizons.", nameof(expected));
        }

        foreach (var h in horizons)
        {
            ModelGuards.Horizon(h);
        }

        ConditionalExpectedPathUnchecked(frequency, recency, t, horizons, expected);
    }

    /// <summary>
    /// Σ_n E[(1−p)^{n−1}] I_z(nk − m, b) with b = r + kx + m summed the other way round: I_z(a, b) = P(N ≥ a) for N
    /// negative binomial with P(N = j) = Γ(b+j)/(Γ(b) j!) z^j (1−z)^b, so the sum is Σ_j P(N = j) C(⌊(j+m)/k⌋) with
    /// C(c) = Σ_{n≤c} E[(1−p)^{n−1}]. Every term is positive and follows from the one before by a product, so the
    /// regularized incomplete beta (a continued fraction per term) is never evaluated. For many horizons the terms
    /// h_j = P(N = j | z_max) C(…) are computed once at the largest z, and every other z follows as
    /// ((1−z)/(1−z_max))^b Σ_j h_j (z/z_max)^j, a polynomial evaluated by Horner's rule, four horizons per vector.
    /// </summary>
    private void ConditionalExpectedPathUnchecked(double x, double tx, double t, ReadOnlySpan<double> horizons, Span<double> expected)
    {
        var rk = R + (K * x);
        Span<double> phase = stackalloc double[K];
        var total = ErlangTerms(rk, t - tx, Alpha + t, phase);
        var cumulative = new DropoutSums(A, B + x);
        var zMax = 0.0;
        foreach (var h in horizons)
        {
            zMax = Math.Max(zMax, h / (Alpha + t + h));
        }

        expected[..horizons.Length].Clear();
        if (zMax == 0)
        {
            return;
        }

        var z = new double[horizons.Length];
        var u = new double[horizons.Length];
        var logRatio = new double[horizons.Length];
        var lnMax = LogMath.Log1P(-zMax);
        for (var h = 0; h < horizons.Length; h++)
        {
            z[h] = horizons[h] / (Alpha + t + horizons[h]);
            u[h] = z[h] / zMax;
            logRatio[h] = LogMath.Log1P(-z[h]) - lnMax;
        }

        var series = new double[horizons.Length];
        for (var m = 0; m < K; m++)
        {
            var weight = phase[m] / total;
            if (weight < 1e-300)
            {
                continue;
            }

            var b = rk + m;
            var terms = SeriesAt(b, m, zMax, ref cumulative);
            if (terms is null)
            {
                // (1 − z_max)^b underflows: every horizon on its own, from the mode.
                for (var h = 0; h < horizons.Length; h++)
                {
                    if (z[h] > 0)
                    {
                        expected[h] += weight * PhaseSum(b, m, z[h], ref cumulative);
                    }
                }

                continue;
            }

            Horner(terms.Value.Span, u, series);
            for (var h = 0; h < horizons.Length; h++)
            {
                if (z[h] > 0)
                {
                    expected[h] += weight * Math.Exp(b * logRatio[h]) * series[h];
                }
            }
        }

        var alive = ProbabilityAliveUnchecked(x, tx, t);
        for (var h = 0; h < horizons.Length; h++)
        {
            expected[h] *= alive;
        }
    }

    /// <summary>h_j = P(N = j) C(⌊(j+m)/k⌋) at z for j up to where the rest is negligible; null when (1−z)^b underflows.</summary>
    private ReadOnlyMemory<double>? SeriesAt(double b, int m, double z, ref DropoutSums c)
    {
        const double Negligible = 1e-18;
        var logStart = b * LogMath.Log1P(-z);
        if (logStart <= -700)
        {
            return null;
        }

        var first = K - m;
        var mean = b * z / (1 - z);
        var terms = new double[Math.Max(16, (int)Math.Min(1 << 20, (2 * mean) + 64))];
        var f = Math.Exp(logStart);
        var sum = 0.0;
        for (var j = 0; ; j++)
        {
            if (j == terms.Length)
            {
                Array.Resize(ref terms, terms.Length * 2);
            }

            var term = j >= first ? f * c.Upto((j + m) / K) : 0;
            terms[j] = term;
            sum += term;
            if ((j >= first && j > mean && term <= Negligible * sum) || j > 100_000_000)
            {
                return terms.AsMemory(0, j + 1);
            }

            f *= (b + j) * z / (j + 1);
            if (f == 0)
            {
                return terms.AsMemory(0, j + 1);
            }
        }
    }

    /// <summary>result[h] = Σ_j terms[j] u[h]^j for every h, by Horner's rule on vectors of horizons.</summary>
    private static void Horner(ReadOnlySpan<double> terms, double[] u, double[] result)
    {
        var width = System.Numerics.Vector<double>.Count;
        var h = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            for (; h + (2 * width) <= u.Length; h += 2 * width)
            {
                var u1 = new System.Numerics.Vector<double>(u, h);
                var u2 = new System.Numerics.Vector<double>(u, h + width);
                var a1 = System.Numerics.Vector<double>.Zero;
                var a2 = System.Numerics.Vector<double>.Zero;
                for (var j = terms.Length - 1; j >= 0; j--)
                {
                    var c = new System.Numerics.Vector<double>(terms[j]);
                    a1 = (a1 * u1) + c;
                    a2 = (a2 * u2) + c;
                }

                a1.CopyTo(result, h);
                a2.CopyTo(result, h + width);
            }
        }

        for (; h < u.Length; h++)
        {
            var a = 0.0;
            var uh = u[h];
            for (var j = terms.Length - 1; j >= 0; j--)
            {
                a = (a * uh) + terms[j];
            }

            result[h] = a;
        }
    }

    /// <summary>Σ_j P(N = j) C(⌊(j+m)/k⌋) for N ~ NB(b, z): upwards from j = 0, or from the mode both ways when (1−z)^b underflows.</summary>
    private double PhaseSum(double b, int m, double z, ref DropoutSums c)
    {
        const double Negligible = 1e-18;
        var logStart = b * LogMath.Log1P(-z);
        var first = K - m; // the smallest j with C > 0
        var mean = b * z / (1 - z);
        if (logStart > -700)
        {
            var f = Math.Exp(logStart);
            var sum = 0.0;
            for (var j = 0; ; j++)
            {
                if (j >= first)
                {
                    var term = f * c.Upto((j + m) / K);
                    sum += term;
                    if (j > mean && term <= Negligible * sum)
                    {
                        return sum;
                    }
                }

                f *= (b + j) * z / (j + 1);
                if (f == 0 || j > 100_000_000)
                {
                    return sum;
                }
            }
        }

        // Start at the mode in log space and walk both ways.
        var mode = Math.Max(first, (int)Math.Floor(Math.Max(0, b - 1) * z / (1 - z)));
        var logMode = SpecialFunctions.GammaLn(b + mode) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(mode + 1) + (mode * Math.Log(z)) + logStart;
        var fm = Math.Exp(logMode);
        var up = 0.0;
        var fu = fm;
        for (var j = mode; ; j++)
        {
            var term = fu * c.Upto((j + m) / K);
            up += term;
            if (j > mean && term <= Negligible * up)
            {
                break;
            }

            fu *= (b + j) * z / (j + 1);
            if (fu == 0 || j > 100_000_000)
            {
                break;
            }
        }

        var down = 0.0;
        var fd = fm;
        for (var j = mode - 1; j >= first; j--)
        {
            fd *= (j + 1) / ((b + j) * z);
            var term = fd * c.Upto((j + m) / K);
            down += term;
            if (term <= Negligible * (up + down))
            {
                break;
            }
        }

        return up + down;
    }

    /// <summary>C(c) = Σ_{n=1}^{c} E[(1−p)^{n−1}] for p ~ Beta(a, b'), b' = b + x + 1 (an alive customer's posterior), grown on demand.</summary>
    private struct DropoutSums(double a, double bx)
    {
        private double[]? sums;
        private int count;
        private double stay;

        public double Upto(int c)
        {
            if (c <= 0)
            {
                return 0;
            }

            if (sums is null)
            {
                sums = new double[Math.Max(64, c + 1)];
                sums[0] = 0;
                stay = 1;
                count = 1;
            }

            while (count <= c)
            {
                if (count == sums.Length)
                {
                    Array.Resize(ref sums, sums.Length * 2);
                }

                // n = count: E[(1−p)^{n−1}] = Π_{i<n} (b+x+i)/(a+b+x+i).
                sums[count] = sums[count - 1] + stay;
                stay *= (bx + count) / (a + bx + count);
                count++;
            }

            return sums[c];
        }
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
        if (x.Length <= 4 * FrequencyRecencyData.GroupingProbe)
        {
            var (distinctT, tIndex) = Distinct(t);
            var (distinctTx, txIndex) = Distinct(tx);
            // Tables as long as the data (continuous times) would only add a pass and an allocation per evaluation.
            if (distinctT.Length <= x.Length / 2 && distinctTx.Length <= x.Length / 2)
            {
                (DistinctT, TIndex, DistinctTx, TxIndex) = (distinctT, tIndex, distinctTx, txIndex);
            }
        }
    }

    /// <summary>
    /// Distinct ages and recencies with each row's index into them (ln(α + T), ln(α + t_x) once per value and
    /// evaluation: times counted in days have few); null on more rows than that pays for, where they are computed per row.
    /// </summary>
    internal double[]? DistinctT { get; }

    internal int[]? TIndex { get; }

    internal double[]? DistinctTx { get; }

    internal int[]? TxIndex { get; }

    private static (double[] Values, int[] Index) Distinct(double[] column)
    {
        var map = new Dictionary<double, int>();
        var index = new int[column.Length];
        var values = new List<double>();
        for (var i = 0; i < column.Length; i++)
        {
            if (!map.TryGetValue(column[i], out var k))
            {
                k = values.Count;
                map.Add(column[i], k);
                values.Add(column[i]);
            }

            index[i] = k;
        }

        return ([.. values], index);
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

    /// <summary>A systematic sample of at most <paramref name="maxRows"/> rows, with their weights (for screening and choosing k).</summary>
    internal MbgCnbdData Subsample(int maxRows)
    {
        if (Count <= maxRows)
        {
            return this;
        }

        var c = SystematicSample.Of(Count, maxRows, (double[])X, (double[])Tx, (double[])T, (double[])SumLogIntervals, (double[])Weight);
        return new MbgCnbdData(c[0], c[1], c[2], c[3], c[4]);
    }

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

    /// <summary>Validates the columns and uses them as they are (no copy), each row with weight 1.</summary>
    internal static MbgCnbdData FromColumns(double[] x, double[] tx, double[] t, double[] sumLogIntervals, string source = "input")
    {
        if (x.Length == 0)
        {
            throw new ClvInputException("there are no customers", source, null, null, null);
        }

        for (var i = 0; i < x.Length; i++)
        {
            ThrowIfInvalid(x[i], tx[i], t[i], sumLogIntervals[i], 1, i, source);
        }

        var w = new double[x.Length];
        Array.Fill(w, 1.0);
        return new MbgCnbdData(x, tx, t, sumLogIntervals, w);
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
    /// <remarks>
    /// On more than <see cref="KSearchRows"/> rows, k is chosen on a systematic sample of that many (the likelihood
    /// differences between k grow with the rows, and the sample's are already decisive); only the chosen k is then
    /// fitted on all rows, from the sample's optimum. The other k's figures in <c>LogLikelihoodByK</c> are then the
    /// log-likelihood of all rows at that k's optimum on the sample.
    /// </remarks>
    public static MbgCnbdFit Fit(MbgCnbdData data, FitOptions? options = null, int maxK = 12)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (maxK < 1 || maxK > MbgCnbdParameters.MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(maxK), maxK, $"maxK must be from 1 to {MbgCnbdParameters.MaxK}.");
        }

        if (data.Count > KSearchRows && options?.StartingPoints is null)
        {
            return FitOnSample(data, options, maxK);
        }

        return SearchK(data, options, maxK);
    }

    /// <summary>Rows above which k is chosen on a sample (see <see cref="Fit"/>).</summary>
    public const int KSearchRows = 200_000;

    private static MbgCnbdFit FitOnSample(MbgCnbdData data, FitOptions? options, int maxK)
    {
        var onSample = SearchK(data.Subsample(KSearchRows), options, maxK);
        var k = onSample.Parameters.K;
        var p = onSample.Parameters;
        var full = FitFixedK(data, k, (options ?? FitOptions.Default) with { StartingPoints = [[p.R, p.Alpha, p.A, p.B]] });
        var byK = onSample.LogLikelihoodByK;
        var warnings = full.Result.Warnings.ToList();
        warnings.AddRange(onSample.Result.Warnings.Where(w => w.StartsWith("k = ", StringComparison.Ordinal)));
        warnings.Add(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"k was chosen on a systematic sample of {data.Subsample(KSearchRows).Count:N0} of the {data.Count:N0} rows; logLikelihoodByK is the sample's."));
        return full with { Result = full.Result with { Warnings = warnings, LogLikelihoodByK = byK }, LogLikelihoodByK = byK };
    }

    private static MbgCnbdFit SearchK(MbgCnbdData data, FitOptions? options, int maxK)
    {

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
            data.Count)
        {
            Screening = maxRows =>
            {
                var sample = data.Subsample(maxRows);
                return ((theta, gradient) => LogLikelihood(k, theta, sample, gradient, threshold), sample.TotalWeight);
            },
        };
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
        var tIndex = data.TIndex;
        var txIndex = data.TxIndex;
        var tables = tIndex is not null && txIndex is not null;
        var lnAlphaT = tables ? LogsOfAlphaPlus(alpha, data.DistinctT!) : [];
        var lnAlphaTx = tables ? LogsOfAlphaPlus(alpha, data.DistinctTx!) : [];
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

                var lnAT = tables ? lnAlphaT[tIndex![i]] : Math.Log(alphaT);
                var lnATx = tables ? lnAlphaTx[txIndex![i]] : Math.Log(alpha + txs[i]);
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

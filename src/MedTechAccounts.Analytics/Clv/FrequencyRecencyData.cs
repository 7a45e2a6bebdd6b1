using System.Runtime.InteropServices;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Customers collapsed to their distinct (x, t_x, T) histories with a weight each (the number
/// of customers sharing it), the form every transaction model is fitted on: a million
/// customers cost what their distinct histories cost.
/// </summary>
public sealed class FrequencyRecencyData
{
    /// <summary>Rows probed to decide whether grouping pays (see <see cref="FromArrays"/>).</summary>
    internal const int GroupingProbe = 65_536;

    private FrequencyRecencyData(double[] x, double[] tx, double[] t, double[] weight, bool grouped = true)
    {
        X = x;
        Tx = tx;
        T = t;
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
        Grouped = grouped;
        if (grouped)
        {
            (DistinctT, TIndex) = Distinct(t);
            (DistinctTx, TxIndex) = Distinct(tx);
        }
    }

    /// <summary>Repeat purchases of each distinct row.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Recency of each distinct row.</summary>
    public IReadOnlyList<double> Tx { get; }

    /// <summary>Age (time since first purchase) of each distinct row.</summary>
    public IReadOnlyList<double> T { get; }

    /// <summary>Number of customers (or any positive weight) behind each distinct row.</summary>
    public IReadOnlyList<double> Weight { get; }

    public int Count => Weight.Count;

    /// <summary>Sum of the weights, i.e. the number of customers.</summary>
    public double TotalWeight { get; }

    internal double[] XArray => (double[])X;

    internal double[] TxArray => (double[])Tx;

    internal double[] TArray => (double[])T;

    internal double[] WeightArray => (double[])Weight;

    /// <summary>The distinct frequencies; terms that depend on x only (Γ, ψ) are computed once per value.</summary>
    internal double[] DistinctX { get; }

    /// <summary>For each row, the index of its frequency in <see cref="DistinctX"/>.</summary>
    internal int[] XIndex { get; }

    /// <summary>
    /// False when the rows were kept as they came because almost none repeat (continuous-time histories): then there
    /// are no distinct-T and distinct-t_x tables either, and ln(α + T), ln(α + t_x) are computed per row, on both cores.
    /// </summary>
    internal bool Grouped { get; }

    /// <summary>Distinct ages; ln(α + T) is computed once per value and evaluation (data counted in days have few). Null when not <see cref="Grouped"/>.</summary>
    internal double[]? DistinctT { get; }

    internal int[]? TIndex { get; }

    /// <summary>Distinct recencies, as for <see cref="DistinctT"/>.</summary>
    internal double[]? DistinctTx { get; }

    internal int[]? TxIndex { get; }

    /// <summary>A systematic sample of at most <paramref name="maxRows"/> distinct rows, with their weights (for screening starting points).</summary>
    internal FrequencyRecencyData Subsample(int maxRows)
    {
        if (Count <= maxRows)
        {
            return this;
        }

        var c = SystematicSample.Of(Count, maxRows, XArray, TxArray, TArray, WeightArray);
        return new FrequencyRecencyData(c[0], c[1], c[2], c[3], Grouped);
    }

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

    public static FrequencyRecencyData FromSummaries(IReadOnlyList<CustomerSummary> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var x = new double[rows.Count];
        var tx = new double[rows.Count];
        var t = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            x[i] = rows[i].Frequency;
            tx[i] = rows[i].Recency;
            t[i] = rows[i].T;
        }

        return FromArrays(x, tx, t);
    }

    public static FrequencyRecencyData FromTable(SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            return FromSummaries(table.Rows);
        }
        catch (ClvInputException e) when (e.Row is { } row && row < table.Lines.Count)
        {
            throw e.AtLine(table.Source, table.Lines[row]);
        }
    }

    /// <summary>
    /// Validates every row and groups equal (x, t_x, T) triples. Grouping pays when histories repeat (times counted in
    /// days); when more than 90 % of the first <see cref="GroupingProbe"/> rows of a set of at least four times as many
    /// are distinct (continuous-time histories), the rows are kept as they are, which saves the hash table and its memory.
    /// </summary>
    public static FrequencyRecencyData FromArrays(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, ReadOnlySpan<double> weights = default)
    {
        Check(x, tx, t, weights);
        if (!RowsRepeat(x, tx, t))
        {
            return Ungrouped(x.ToArray(), tx.ToArray(), t.ToArray(), weights.IsEmpty ? null : weights.ToArray());
        }

        return Group(x, tx, t, weights);
    }

    /// <summary>As <see cref="FromArrays"/>, but rows that are kept as they are use the given arrays without copying them.</summary>
    internal static FrequencyRecencyData FromColumns(double[] x, double[] tx, double[] t, bool validated = false)
    {
        Check(x, tx, t, default);
        return RowsRepeat(x, tx, t) ? Group(x, tx, t, default) : Ungrouped(x, tx, t, null, validated);
    }

    private static void Check(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, ReadOnlySpan<double> weights)
    {
        if (x.Length != tx.Length || x.Length != t.Length || (!weights.IsEmpty && weights.Length != x.Length))
        {
            throw new ArgumentException("x, t_x, T (and weights) must have the same length.", nameof(x));
        }

        if (x.Length == 0)
        {
            throw new ClvInputException("there are no customers", "input", null, null, null);
        }
    }

    /// <summary>Whether enough of the first rows repeat for grouping to pay (always true below 4 × <see cref="GroupingProbe"/> rows).</summary>
    private static bool RowsRepeat(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t)
    {
        if (x.Length < 4 * GroupingProbe)
        {
            return true;
        }

        var seen = new HashSet<(double, double, double)>(GroupingProbe);
        for (var i = 0; i < GroupingProbe; i++)
        {
            seen.Add((x[i], tx[i], t[i]));
        }

        return seen.Count < 0.9 * GroupingProbe;
    }

    private static FrequencyRecencyData Ungrouped(double[] x, double[] tx, double[] t, double[]? weights, bool validated = false)
    {
        for (var i = 0; !validated && i < x.Length; i++)
        {
            SummaryValidation.ThrowIfInvalid(x[i], tx[i], t[i], null, i);
            if (weights is not null && (!double.IsFinite(weights[i]) || weights[i] < 0))
            {
                throw new ClvInputException("the weight must be a finite non-negative number", "input", null, i, "weight");
            }
        }

        if (weights is null)
        {
            weights = new double[x.Length];
            Array.Fill(weights, 1.0);
        }

        return new FrequencyRecencyData(x, tx, t, weights, grouped: false);
    }

    private static FrequencyRecencyData Group(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, ReadOnlySpan<double> weights)
    {

        var index = new Dictionary<(double, double, double), int>(Math.Min(x.Length, 1 << 20));
        var ux = new List<double>();
        var utx = new List<double>();
        var ut = new List<double>();
        var uw = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            SummaryValidation.ThrowIfInvalid(x[i], tx[i], t[i], null, i);
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ClvInputException("the weight must be a finite non-negative number", "input", null, i, "weight");
            }

            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, (x[i], tx[i], t[i]), out var exists);
            if (exists)
            {
                uw[slot] += w;
            }
            else
            {
                slot = ux.Count;
                ux.Add(x[i]);
                utx.Add(tx[i]);
                ut.Add(t[i]);
                uw.Add(w);
            }
        }

        return new FrequencyRecencyData([.. ux], [.. utx], [.. ut], [.. uw]);
    }
}

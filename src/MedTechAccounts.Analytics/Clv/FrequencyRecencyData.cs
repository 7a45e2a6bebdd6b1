namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Customers collapsed to their distinct (x, t_x, T) histories with a weight each (the number
/// of customers sharing it), the form every transaction model is fitted on: a million
/// customers cost what their distinct histories cost.
/// </summary>
public sealed class FrequencyRecencyData
{
    private FrequencyRecencyData(double[] x, double[] tx, double[] t, double[] weight)
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

    /// <summary>Validates every row and groups equal (x, t_x, T) triples.</summary>
    public static FrequencyRecencyData FromArrays(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, ReadOnlySpan<double> weights = default)
    {
        if (x.Length != tx.Length || x.Length != t.Length || (!weights.IsEmpty && weights.Length != x.Length))
        {
            throw new ArgumentException("x, t_x, T (and weights) must have the same length.", nameof(x));
        }

        if (x.Length == 0)
        {
            throw new ClvInputException("there are no customers", "input", null, null, null);
        }

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

            var key = (x[i], tx[i], t[i]);
            if (index.TryGetValue(key, out var k))
            {
                uw[k] += w;
            }
            else
            {
                index.Add(key, ux.Count);
                ux.Add(x[i]);
                utx.Add(tx[i]);
                ut.Add(t[i]);
                uw.Add(w);
            }
        }

        return new FrequencyRecencyData([.. ux], [.. utx], [.. ut], [.. uw]);
    }
}

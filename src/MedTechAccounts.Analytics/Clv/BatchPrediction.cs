namespace MedTechAccounts.Analytics.Clv;

/// <summary>Predictions for many customers at once, split across cores when there are many.</summary>
public static class BatchPrediction
{
    private const int ParallelThreshold = 10_000;
    private const int Chunks = 16;

    /// <summary>
    /// Fills <paramref name="expected"/> with E[Y(horizon) | x, t_x, T] and <paramref name="alive"/>
    /// with P(alive) for every customer. Rows are validated first; a bad row is a
    /// <see cref="ClvInputException"/> naming it.
    /// </summary>
    public static void Predict(IRepeatPurchaseModel model, double[] frequency, double[] recency, double[] t, double horizon, double[] expected, double[] alive)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(alive);
        var n = frequency.Length;
        if (recency.Length != n || t.Length != n || expected.Length < n || alive.Length < n)
        {
            throw new ArgumentException("All arrays must hold one entry per customer.", nameof(frequency));
        }

        ModelGuards.Horizon(horizon);
        for (var i = 0; i < n; i++)
        {
            SummaryValidation.ThrowIfInvalid(frequency[i], recency[i], t[i], null, i);
        }

        void Range(int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                (expected[i], alive[i]) = model switch
                {
                    BgNbdParameters bg => (bg.ConditionalExpectedUnchecked(frequency[i], recency[i], t[i], horizon), bg.ProbabilityAliveUnchecked(frequency[i], recency[i], t[i])),
                    ParetoNbdParameters pn => (pn.ConditionalExpectedUnchecked(frequency[i], recency[i], t[i], horizon), pn.ProbabilityAliveUnchecked(frequency[i], recency[i], t[i])),
                    _ => (model.ConditionalExpectedTransactions(frequency[i], recency[i], t[i], horizon), model.ProbabilityAlive(frequency[i], recency[i], t[i])),
                };
            }
        }

        if (n < ParallelThreshold || Environment.ProcessorCount < 2)
        {
            Range(0, n);
            return;
        }

        var size = (n + Chunks - 1) / Chunks;
        Parallel.For(0, Chunks, c => Range(c * size, Math.Min(n, (c + 1) * size)));
    }
}

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// One customer's purchase history in the form the CLV literature uses: <c>Frequency</c>
/// (x) = number of repeat purchases, <c>Recency</c> (t_x) = time of the last purchase
/// measured from the first, <c>T</c> = time from the first purchase to the end of the
/// observation window, all in one time unit. <c>MonetaryValue</c> (zbar) is the mean value
/// of the repeat purchases, when known. <c>SumLogIntervals</c> (litt) is Σ ln(t_j − t_{j−1})
/// over the x intervals between successive purchase days, in the same unit, when known: the
/// MBG/CNBD-k needs it to measure how regular the reorders are.
/// </summary>
public sealed record CustomerSummary(string Id, double Frequency, double Recency, double T, double? MonetaryValue = null, double? SumLogIntervals = null);

/// <summary>A set of customer summaries read from one source, with the file line of each row.</summary>
public sealed record SummaryTable(string Source, IReadOnlyList<CustomerSummary> Rows, IReadOnlyList<int> Lines, bool HasMonetaryValue)
{
    /// <summary>Throws a <see cref="ClvInputException"/> located at the row's file line.</summary>
    internal ClvInputException Error(int row, string column, string reason) =>
        new(reason, Source, row < Lines.Count ? Lines[row] : null, row, column);
}

/// <summary>
/// Survivors of one cohort: <c>Alive[k]</c> customers still active at the start of period k,
/// <c>Alive[0]</c> being the cohort size.
/// </summary>
public sealed record SurvivalTable(string Source, IReadOnlyList<int> Periods, IReadOnlyList<double> Alive);

/// <summary>One purchase: customer, day and value (0 when the source has no value column).</summary>
public readonly record struct Transaction(string CustomerId, DateOnly Date, double Value);

/// <summary>Transactions read from one source.</summary>
public sealed record TransactionTable(string Source, IReadOnlyList<Transaction> Rows, bool HasValues);

/// <summary>The unit in which recency, T and horizons are measured.</summary>
public enum TimeUnit
{
    Days,
    Weeks,
}

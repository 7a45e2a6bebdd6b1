namespace MedTechAccounts.Analytics.Clv;

/// <summary>A customer's calibration summary with what they did in the holdout window.</summary>
public sealed record CalibrationHoldoutRow(CustomerSummary Calibration, double HoldoutFrequency, double? HoldoutMonetaryValue);

/// <summary>Calibration summaries (observation ending at <c>CalibrationEnd</c>) and holdout counts up to <c>HoldoutEnd</c>.</summary>
public sealed record CalibrationHoldoutSplit(
    IReadOnlyList<CalibrationHoldoutRow> Rows,
    DateOnly CalibrationEnd,
    DateOnly HoldoutEnd,
    TimeUnit Unit,
    double HoldoutDuration)
{
    public double HoldoutTransactions => Rows.Sum(r => r.HoldoutFrequency);
}

/// <summary>
/// Builds (x, t_x, T, zbar) summaries from transactions: several purchases on one day count
/// as one purchase with their values summed; x counts the purchase days after the first;
/// zbar is the mean value of those repeat days; litt sums the logs of the x intervals between
/// successive purchase days (in the chosen unit).
/// </summary>
public static class TransactionSummary
{
    public static double DaysPerUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Days => 1,
        TimeUnit.Weeks => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>Summaries of every customer whose first purchase is on or before <paramref name="observationEnd"/>.</summary>
    public static IReadOnlyList<CustomerSummary> Summarize(TransactionTable table, DateOnly observationEnd, TimeUnit unit = TimeUnit.Weeks)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Split(table, observationEnd, observationEnd, unit).Rows.Select(r => r.Calibration).ToArray();
    }

    public static CalibrationHoldoutSplit Split(TransactionTable table, DateOnly calibrationEnd, DateOnly holdoutEnd, TimeUnit unit = TimeUnit.Weeks)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (holdoutEnd < calibrationEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutEnd), holdoutEnd, "The holdout cannot end before the calibration window.");
        }

        var daysPerUnit = DaysPerUnit(unit);
        var order = new List<string>();
        var days = new Dictionary<string, SortedDictionary<DateOnly, double>>(StringComparer.Ordinal);
        foreach (var t in table.Rows)
        {
            if (t.Date > holdoutEnd)
            {
                continue;
            }

            if (!days.TryGetValue(t.CustomerId, out var perDay))
            {
                perDay = [];
                days.Add(t.CustomerId, perDay);
                order.Add(t.CustomerId);
            }

            perDay[t.Date] = perDay.GetValueOrDefault(t.Date) + t.Value;
        }

        var rows = new List<CalibrationHoldoutRow>(order.Count);
        foreach (var id in order)
        {
            var perDay = days[id];
            var first = perDay.Keys.First();
            if (first > calibrationEnd)
            {
                continue;
            }

            DateOnly last = first;
            var litt = 0.0;
            var repeat = 0;
            var repeatValue = 0.0;
            var holdout = 0;
            var holdoutValue = 0.0;
            foreach (var (date, value) in perDay)
            {
                if (date <= calibrationEnd)
                {
                    if (date != first)
                    {
                        repeat++;
                        repeatValue += value;
                        litt += Math.Log((date.DayNumber - last.DayNumber) / daysPerUnit);
                        last = date;
                    }
                }
                else
                {
                    holdout++;
                    holdoutValue += value;
                }
            }

            var summary = new CustomerSummary(
                id,
                repeat,
                (last.DayNumber - first.DayNumber) / daysPerUnit,
                (calibrationEnd.DayNumber - first.DayNumber) / daysPerUnit,
                table.HasValues ? (repeat > 0 ? repeatValue / repeat : 0) : null,
                litt);
            rows.Add(new CalibrationHoldoutRow(summary, holdout, table.HasValues ? (holdout > 0 ? holdoutValue / holdout : 0) : null));
        }

        if (rows.Count == 0)
        {
            throw new ClvInputException("no customer made a first purchase on or before the end of the calibration window", table.Source, null, null, "date");
        }

        return new CalibrationHoldoutSplit(rows, calibrationEnd, holdoutEnd, unit, (holdoutEnd.DayNumber - calibrationEnd.DayNumber) / daysPerUnit);
    }
}

using System.Globalization;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>The rules every (x, t_x, T[, zbar]) row must meet, shared by readers and models.</summary>
internal static class SummaryValidation
{
    public const string FrequencyColumn = "frequency";
    public const string RecencyColumn = "recency";
    public const string AgeColumn = "T";
    public const string MonetaryColumn = "monetary_value";
    public const string IntervalColumn = "litt";

    /// <summary>Slack for rounded inputs, e.g. recency and T both rounded to 2 decimals.</summary>
    private const double Slack = 1e-9;

    public readonly record struct Problem(string Column, string Reason);

    public static Problem? Check(double x, double tx, double t, double? monetary)
    {
        if (!double.IsFinite(x))
        {
            return new Problem(FrequencyColumn, "frequency is not a finite number");
        }

        if (!double.IsFinite(tx))
        {
            return new Problem(RecencyColumn, "recency is not a finite number");
        }

        if (!double.IsFinite(t))
        {
            return new Problem(AgeColumn, "T is not a finite number");
        }

        if (x < 0)
        {
            return new Problem(FrequencyColumn, Invariant($"frequency {x} is negative"));
        }

        if (tx < 0)
        {
            return new Problem(RecencyColumn, Invariant($"recency {tx} is negative"));
        }

        if (t < 0)
        {
            return new Problem(AgeColumn, Invariant($"T {t} is negative"));
        }

        if (tx > t * (1 + Slack) + Slack)
        {
            return new Problem(RecencyColumn, Invariant($"recency {tx} is greater than T {t}"));
        }

        if (x == 0 && tx != 0)
        {
            return new Problem(RecencyColumn, Invariant($"recency {tx} is not 0 although frequency is 0"));
        }

        if (monetary is { } m)
        {
            if (!double.IsFinite(m))
            {
                return new Problem(MonetaryColumn, "monetary value is not a finite number");
            }

            if (m < 0)
            {
                return new Problem(MonetaryColumn, Invariant($"monetary value {m} is negative"));
            }
        }

        return null;
    }

    public static void ThrowIfInvalid(double x, double tx, double t, double? monetary, int row, string source = "input")
    {
        if (Check(x, tx, t, monetary) is { } p)
        {
            throw new ClvInputException(p.Reason, source, null, row, p.Column);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

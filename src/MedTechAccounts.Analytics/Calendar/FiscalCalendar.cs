using System.Globalization;

namespace MedTechAccounts.Analytics.Calendar;

/// <summary>One fiscal quarter, labelled <c>2026-Q3</c>: quarter 3 of fiscal year 2026.</summary>
public readonly record struct FiscalQuarter : IComparable<FiscalQuarter>
{
    public FiscalQuarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }
    public int Quarter { get; }

    /// <summary>"2026-Q3".</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}");

    public FiscalQuarter Next() => Quarter == 4 ? new(Year + 1, 1) : new(Year, Quarter + 1);

    public FiscalQuarter Previous() => Quarter == 1 ? new(Year - 1, 4) : new(Year, Quarter - 1);

    public int CompareTo(FiscalQuarter other) => (Year, Quarter).CompareTo((other.Year, other.Quarter));

    public static bool operator <(FiscalQuarter left, FiscalQuarter right) => left.CompareTo(right) < 0;
    public static bool operator >(FiscalQuarter left, FiscalQuarter right) => left.CompareTo(right) > 0;
    public static bool operator <=(FiscalQuarter left, FiscalQuarter right) => left.CompareTo(right) <= 0;
    public static bool operator >=(FiscalQuarter left, FiscalQuarter right) => left.CompareTo(right) >= 0;

    public override string ToString() => Label;

    /// <summary>Reads "2026-Q3" (also "2026-q3" and surrounding spaces); false for anything else.</summary>
    public static bool TryParse(string? text, out FiscalQuarter quarter)
    {
        quarter = default;
        var s = text?.Trim();
        if (s is not { Length: 7 } || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q')
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || s[6] is < '1' or > '4' || year < 1)
        {
            return false;
        }

        quarter = new FiscalQuarter(year, s[6] - '0');
        return true;
    }

    public static FiscalQuarter Parse(string text) => TryParse(text, out var quarter)
        ? quarter
        : throw new FormatException($"'{text}' is not a fiscal quarter such as 2026-Q3.");
}

/// <summary>
/// Fiscal years and quarters for a fiscal year that starts on the first day of <see cref="StartMonth"/>.
/// A fiscal year is named after the calendar year in which it ends: with a July start, July 2026 – June 2027
/// is fiscal year 2027. With a January start (the default) fiscal and calendar years coincide.
/// </summary>
public sealed class FiscalCalendar
{
    public FiscalCalendar(int startMonth = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startMonth, 12);
        StartMonth = startMonth;
    }

    /// <summary>The calendar month (1–12) in which the fiscal year starts.</summary>
    public int StartMonth { get; }

    /// <summary>The fiscal year <paramref name="date"/> falls in.</summary>
    public int FiscalYearOf(DateOnly date) => StartMonth == 1 || date.Month < StartMonth ? date.Year : date.Year + 1;

    /// <summary>The fiscal quarter <paramref name="date"/> falls in.</summary>
    public FiscalQuarter QuarterOf(DateOnly date)
    {
        var monthsIntoYear = (date.Month - StartMonth + 12) % 12;
        return new FiscalQuarter(FiscalYearOf(date), (monthsIntoYear / 3) + 1);
    }

    /// <summary>The first day of fiscal year <paramref name="fiscalYear"/>.</summary>
    public DateOnly YearStart(int fiscalYear) => new(StartMonth == 1 ? fiscalYear : fiscalYear - 1, StartMonth, 1);

    /// <summary>The last day of fiscal year <paramref name="fiscalYear"/>.</summary>
    public DateOnly YearEnd(int fiscalYear) => YearStart(fiscalYear + 1).AddDays(-1);

    /// <summary>The first day of <paramref name="quarter"/>.</summary>
    public DateOnly Start(FiscalQuarter quarter) => YearStart(quarter.Year).AddMonths(3 * (quarter.Quarter - 1));

    /// <summary>The last day of <paramref name="quarter"/> (inclusive).</summary>
    public DateOnly End(FiscalQuarter quarter) => Start(quarter).AddMonths(3).AddDays(-1);

    /// <summary>True when <paramref name="date"/> lies in <paramref name="quarter"/>.</summary>
    public bool Contains(FiscalQuarter quarter, DateOnly date) => QuarterOf(date) == quarter;
}
